import { builder } from './builder.js';

type Data = Record<string, any>;

/** The typed event_data of each event type, as the engines report it (event_data). */
export const EventDetection = builder.objectRef<Data>('EventDetection').implement({
  description: 'Where the object is in the analysed frame',
  fields: (t) => ({
    bbox: t.floatList({ description: '[x1, y1, x2, y2] in pixels of the analysed frame', resolve: (d) => d.bbox }),
  }),
});

export const EventObjectAttributes = builder.objectRef<Data>('EventObjectAttributes').implement({
  fields: (t) => ({
    objClass: t.int({ description: '0 unclassified, 1 person, 2 vehicle', resolve: (d) => d.obj_class }),
  }),
});

export const EventFaceDescriptor = builder.objectRef<Data>('EventFaceDescriptor').implement({
  description: 'The descriptor of the face in the event (model version 1)',
  fields: (t) => ({
    data: t.string({ description: 'Base64 of the 512 L2-normalised little-endian float32 values', resolve: (d) => d.data }),
    norm: t.float({ description: 'The norm of the vector before normalising', resolve: (d) => d.norm }),
    version: t.string({ nullable: true, description: 'The model that produced it, as the engine named it (fr_feature-v1)', resolve: (d) => d.version ?? null }),
  }),
});

export const FaceEventData = builder.objectRef<Data>('FaceEventData').implement({
  fields: (t) => ({
    detection: t.field({ type: EventDetection, resolve: (d) => d.detection }),
    descriptor: t.field({ type: EventFaceDescriptor, nullable: true, resolve: (d) => d.descriptor ?? null }),
    attributes: t.field({ type: 'JSON', nullable: true, resolve: (d) => d.attributes ?? null }),
  }),
});

export const PlateNumber = builder.objectRef<Data>('EventPlateNumber').implement({
  fields: (t) => ({ data: t.string({ description: 'The plate as read (normalised: upper case, no spaces or dashes)', resolve: (d) => d.data }) }),
});

export const PlateEventData = builder.objectRef<Data>('PlateEventData').implement({
  fields: (t) => ({
    plateNumber: t.field({ type: PlateNumber, resolve: (d) => d.plate_number }),
    detection: t.field({ type: EventDetection, resolve: (d) => d.detection }),
  }),
});

export const MotionRegion = builder.objectRef<Data>('EventMotion').implement({
  fields: (t) => ({
    roiBbox: t.floatList({ description: 'The region watched, [x1, y1, x2, y2]', resolve: (d) => d.roi_bbox }),
    roiName: t.string({ resolve: (d) => d.roi_name }),
    areaFr: t.float({ description: 'Fraction of the region in motion, 0..1', resolve: (d) => d.area_fr }),
  }),
});

export const MotionEventData = builder.objectRef<Data>('MotionEventData').implement({
  fields: (t) => ({
    motion: t.field({ type: MotionRegion, resolve: (d) => d.motion }),
    detection: t.field({ type: EventDetection, resolve: (d) => d.detection }),
    attributes: t.field({ type: EventObjectAttributes, nullable: true, resolve: (d) => d.attributes ?? null }),
  }),
});

export const LineCrossing = builder.objectRef<Data>('EventLineCrossing').implement({
  fields: (t) => ({
    lineCoords: t.floatList({ description: '[x1, y1, x2, y2] of the line', resolve: (d) => d.line_coords }),
    direction: t.int({ description: '0 both, 1 left to right, 2 right to left', resolve: (d) => d.direction }),
    lineName: t.string({ resolve: (d) => d.line_name }),
  }),
});

export const LineCrossingEventData = builder.objectRef<Data>('LineCrossingEventData').implement({
  fields: (t) => ({
    lineCrossing: t.field({ type: LineCrossing, resolve: (d) => d.line_crossing }),
    detection: t.field({ type: EventDetection, resolve: (d) => d.detection }),
    attributes: t.field({ type: EventObjectAttributes, nullable: true, resolve: (d) => d.attributes ?? null }),
  }),
});
