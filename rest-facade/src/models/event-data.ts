import type {
  RestFaceEventDataFragment,
  RestLineCrossingEventDataFragment,
  RestMotionEventDataFragment,
  RestPlateEventDataFragment,
} from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** event_data of each event type as the RestEventData fragments select it (GraphQL FaceEventData, …). */
export type GraphqlFaceEventData = RestFaceEventDataFragment['faceData'];
export type GraphqlPlateEventData = RestPlateEventDataFragment['plateData'];
export type GraphqlMotionEventData = RestMotionEventDataFragment['motionData'];
export type GraphqlLineCrossingEventData = RestLineCrossingEventDataFragment['lineData'];

/** A face event's event_data; the descriptor is null when the engine kept none. */
export type RestFaceEventData = RestSchema<'EventFaceRecognitionListItemData'>;
export type RestPlateEventData = RestSchema<'EventPlateRecognitionData'>;
export type RestMotionEventData = RestSchema<'EventMotionDetectionData'>;
export type RestLineCrossingEventData = RestSchema<'EventLineCrossingData'>;

const toRestDetection = (detection: { readonly bbox: readonly number[] }): RestSchema<'EventDetection'> => ({
  bbox: [...detection.bbox],
});

export function toRestFaceEventData(data: GraphqlFaceEventData): RestFaceEventData {
  return {
    detection: toRestDetection(data.detection),
    descriptor: data.descriptor ? { data: data.descriptor.data, norm: data.descriptor.norm } : null,
    attributes: isObject(data.attributes) ? data.attributes : null,
  };
}

export function toRestPlateEventData(data: GraphqlPlateEventData): RestPlateEventData {
  return { plate_number: { data: data.plateNumber.data }, detection: toRestDetection(data.detection) };
}

export function toRestMotionEventData(data: GraphqlMotionEventData): RestMotionEventData {
  return {
    motion: { roi_bbox: [...data.motion.roiBbox], roi_name: data.motion.roiName, area_fr: data.motion.areaFr },
    detection: toRestDetection(data.detection),
    attributes: objectAttributes(data.attributes),
  };
}

export function toRestLineCrossingEventData(data: GraphqlLineCrossingEventData): RestLineCrossingEventData {
  return {
    line_crossing: {
      line_coords: [...data.lineCrossing.lineCoords],
      direction: data.lineCrossing.direction as RestSchema<'EventLineCrossingDirection'>,
      line_name: data.lineCrossing.lineName,
    },
    detection: toRestDetection(data.detection),
    attributes: objectAttributes(data.attributes),
  };
}

/** The object class, when the engine gave one. */
function objectAttributes(
  attributes: { readonly objClass: number } | null,
): RestSchema<'EventObjectAttributes'> | null {
  const objClass = attributes?.objClass;
  return typeof objClass === 'number' ? { obj_class: objClass as RestSchema<'EventObjectClass'> } : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
