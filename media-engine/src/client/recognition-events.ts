/**
 * What an engine reports when its analysis of a camera's frames produces an event: the contract
 * between the engine (publisher) and the media subgraph (owner of the events, their storage,
 * matching and subscribers). The engine POSTs a report as JSON to the media part's signed
 * internal route `POST /internal/events` (signed like every internal call: `signedInternalPost`
 * with the internal key), then the event's JPEG snapshot as `PUT /internal/events/{eventId}/snapshot`
 * (`image/jpeg`, body bound by `body_sha256`). Re-sending a report with the same `eventId` is a no-op,
 * so an engine may retry after a timeout without creating a second event.
 */

export const RECOGNITION_EVENT_TYPES = [
  'face_recognition',
  'plate_recognition',
  'motion_detection',
  'line_crossing',
] as const;
export type RecognitionEventType = (typeof RECOGNITION_EVENT_TYPES)[number];

/**
 * Why an event was emitted for a tracked object (`event_action`); one event per action, never per frame.
 * - `appeared`: the track's first confirmed sighting (motion: the episode starts; line crossing: the crossing)
 * - `improved`: a clearly better view of the same track than any reported so far (face quality, plate votes)
 * - `ended`: the track or motion episode ended (its best view is the one reported last)
 */
export const EVENT_ACTIONS = ['appeared', 'improved', 'ended'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** Object classes of `attributes.obj_class`: 0 unclassified, 1 person, 2 vehicle. */
export const OBJECT_CLASSES = { unclassified: 0, person: 1, vehicle: 2 } as const;
export type ObjectClass = (typeof OBJECT_CLASSES)[keyof typeof OBJECT_CLASSES];

/** Direction of a line crossing (`line_crossing.direction`): 0 both, 1 left to right, 2 right to left. */
export const CROSSING_DIRECTIONS = { both: 0, left_to_right: 1, right_to_left: 2 } as const;
export type CrossingDirection = (typeof CROSSING_DIRECTIONS)[keyof typeof CROSSING_DIRECTIONS];

/** Boxes are [x1, y1, x2, y2] in pixels of the analysed frame; `frameSize` says its width and height. */
export type Box = [number, number, number, number];

export interface FaceEventData {
  readonly detection: { readonly bbox: Box };
  /** base64 of the 512 little-endian float32 values of the L2-normalised descriptor, and the norm before normalising */
  readonly descriptor: { readonly data: string; readonly norm: number };
  readonly attributes?: Record<string, unknown>;
}
export interface PlateEventData {
  readonly plate_number: { readonly data: string };
  readonly detection: { readonly bbox: Box };
}
export interface MotionEventData {
  readonly motion: { readonly roi_bbox: Box; readonly roi_name: string; readonly area_fr: number };
  readonly detection: { readonly bbox: Box };
  readonly attributes?: { readonly obj_class: ObjectClass };
}
export interface LineCrossingEventData {
  readonly line_crossing: {
    readonly line_coords: number[];
    readonly direction: CrossingDirection;
    readonly line_name: string;
  };
  readonly detection: { readonly bbox: Box };
  readonly attributes?: { readonly obj_class: ObjectClass };
}

interface ReportBase {
  /** uuid made by the engine; the event's id everywhere (REST event_id, snapshot) */
  readonly eventId: string;
  /** the camera's id (REST stream_id) */
  readonly cameraId: string;
  /** the reporting engine's stream server id (REST streamserver_id) */
  readonly streamServerId: string;
  /** the track (or motion episode) this event belongs to (REST object_id) */
  readonly objectId: string;
  readonly eventAction: EventAction;
  /** capture time of the event's frame, milliseconds since the epoch */
  readonly ts: number;
  /** width and height of the analysed frame the boxes refer to */
  readonly frameSize: readonly [number, number];
}

export type RecognitionEventReport =
  | (ReportBase & { readonly eventType: 'face_recognition'; readonly eventData: FaceEventData })
  | (ReportBase & { readonly eventType: 'plate_recognition'; readonly eventData: PlateEventData })
  | (ReportBase & { readonly eventType: 'motion_detection'; readonly eventData: MotionEventData })
  | (ReportBase & { readonly eventType: 'line_crossing'; readonly eventData: LineCrossingEventData });

/** The internal routes of the media part that take reports. */
export const EVENT_REPORT_PATH = '/internal/events';
export const eventSnapshotPath = (eventId: string): string => `/internal/events/${eventId}/snapshot`;
