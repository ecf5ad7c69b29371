/** event_data of each event type as the RestEventData fragments select it (GraphQL FaceEventData, …). */
export interface GraphqlEventData {
  readonly __typename?: string;
  readonly detection?: { readonly bbox: readonly number[] } | null;
  readonly descriptor?: { readonly data: string; readonly norm: number } | null;
  readonly attributes?: unknown;
  readonly plateNumber?: { readonly data: string } | null;
  readonly motion?: { readonly roiBbox: readonly number[]; readonly roiName: string; readonly areaFr: number } | null;
  readonly lineCrossing?: {
    readonly lineCoords: readonly number[];
    readonly direction: number;
    readonly lineName: string;
  } | null;
}

export interface RestDetection {
  bbox: number[];
}

export interface RestFaceEventData {
  detection: RestDetection;
  descriptor: { data: string; norm: number } | null;
  attributes: Record<string, unknown> | null;
}

export interface RestPlateEventData {
  plate_number: { data: string };
  detection: RestDetection;
}

export interface RestMotionEventData {
  motion: { roi_bbox: number[]; roi_name: string; area_fr: number };
  detection: RestDetection;
  attributes: { obj_class: number } | null;
}

export interface RestLineCrossingEventData {
  line_crossing: { line_coords: number[]; direction: number; line_name: string };
  detection: RestDetection;
  attributes: { obj_class: number } | null;
}

export type RestEventData = RestFaceEventData | RestPlateEventData | RestMotionEventData | RestLineCrossingEventData;

/** The spec's event_data of an event of this type (the `anyOf` option its event_type picks). */
export function toRestEventData(eventType: string, data: GraphqlEventData): RestEventData {
  const detection = { bbox: [...(data.detection?.bbox ?? [])] };
  switch (eventType) {
    case 'face_recognition':
      return {
        detection,
        descriptor: data.descriptor ? { data: data.descriptor.data, norm: data.descriptor.norm } : null,
        attributes: isObject(data.attributes) ? data.attributes : null,
      };
    case 'plate_recognition':
      return { plate_number: { data: data.plateNumber?.data ?? '' }, detection };
    case 'motion_detection':
      return {
        motion: {
          roi_bbox: [...(data.motion?.roiBbox ?? [])],
          roi_name: data.motion?.roiName ?? '',
          area_fr: data.motion?.areaFr ?? 0,
        },
        detection,
        attributes: objectAttributes(data.attributes),
      };
    default:
      return {
        line_crossing: {
          line_coords: [...(data.lineCrossing?.lineCoords ?? [])],
          direction: data.lineCrossing?.direction ?? 0,
          line_name: data.lineCrossing?.lineName ?? '',
        },
        detection,
        attributes: objectAttributes(data.attributes),
      };
  }
}

function objectAttributes(attributes: unknown): { obj_class: number } | null {
  const objClass = (attributes as { objClass?: unknown } | null | undefined)?.objClass;
  return typeof objClass === 'number' ? { obj_class: objClass } : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
