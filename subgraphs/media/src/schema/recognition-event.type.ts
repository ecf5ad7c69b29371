import type { Connection } from '@argus/core';
import type { EventView, FaceMatchEntry, PlateMatchEntry } from '../events/event.types.js';
import { priorityOfRank } from '../events/event.types.js';
import { builder, common } from './builder.js';
import { EventMatchStateEnum } from './event-match-state.enum.js';
import { WatchlistPriorityEnum } from './event-match-priority.enum.js';
import { FaceEventMatch, PlateEventMatch } from './event-match.type.js';
import { FaceEventData, LineCrossingEventData, MotionEventData, PlateEventData } from './event-data.type.js';
import { Camera } from './onvif-camera.type.js';
import { RecognitionEventTypeEnum } from './recognition-event-type.enum.js';

const TYPE_NAMES = {
  face_recognition: 'FaceRecognitionEvent',
  plate_recognition: 'PlateRecognitionEvent',
  motion_detection: 'MotionDetectionEvent',
  line_crossing: 'LineCrossingEvent',
} as const;

/** The path where an event's snapshot is served. */
export const snapshotPath = (e: EventView) => `/api/v1/snapshots/${e.id}?event_type=${e.event_type}`;

export const RecognitionEvent = builder.interfaceRef<EventView>('RecognitionEvent').implement({
  description: 'Something a media engine recognised in a camera\'s frames; eventType picks the implementation',
  resolveType: (e) => TYPE_NAMES[e.event_type],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The event\'s id (REST event_id)' }),
    eventType: t.field({ type: RecognitionEventTypeEnum, resolve: (e) => e.event_type }),
    streamServerId: t.exposeString('stream_server_id', { description: 'The stream server that analysed the frames (REST streamserver_id)' }),
    cameraId: t.exposeID('camera_id', { description: 'The camera (REST stream_id)' }),
    camera: t.field({ type: Camera, description: 'The camera, resolved by topology through the router (name, place, plans: REST origin)', resolve: (e) => ({ id: e.camera_id }) }),
    placeId: t.exposeInt('place_id', { nullable: true, description: 'The camera\'s place when the event was stored' }),
    organizationId: t.exposeInt('organization_id'),
    objectId: t.exposeString('object_id', { description: 'The tracked object (or motion episode) the event belongs to' }),
    eventAction: t.exposeString('event_action', { description: 'appeared, improved or ended' }),
    ts: t.float({ description: 'Capture time of the event\'s frame in milliseconds since the epoch (an integer)', resolve: (e) => e.ts.getTime() }),
    capturedAt: t.field({ type: 'DateTime', description: 'Capture time of the event\'s frame', resolve: (e) => e.ts }),
    matched: t.boolean({ description: 'Whether the event matched a watchlist (it is an event match)', resolve: (e) => (e.match_data?.length ?? 0) > 0 }),
    matchState: t.field({ type: EventMatchStateEnum, resolve: (e) => e.match_state }),
    maxPriority: t.field({ type: WatchlistPriorityEnum, nullable: true, description: 'The highest priority among the matches', resolve: (e) => priorityOfRank(e.max_priority) }),
    hasSnapshot: t.boolean({ description: 'Whether the engine has stored the event\'s JPEG snapshot yet', resolve: (e) => e.snapshot_size !== null }),
    snapshotUrl: t.string({ description: 'Where the snapshot is served (503 until the engine has stored it)', resolve: snapshotPath }),
  }),
});

const implementation = (type: keyof typeof TYPE_NAMES) => ({
  interfaces: [RecognitionEvent],
  isTypeOf: (value: unknown) => (value as EventView).event_type === type,
});

export const FaceRecognitionEvent = builder.objectRef<EventView>('FaceRecognitionEvent').implement({
  ...implementation('face_recognition'),
  fields: (t) => ({
    eventData: t.field({ type: FaceEventData, resolve: (e) => e.event_data }),
    matches: t.field({ type: [FaceEventMatch], description: 'Best first (REST match_data)', resolve: (e) => (e.match_data ?? []) as FaceMatchEntry[] }),
  }),
});

export const PlateRecognitionEvent = builder.objectRef<EventView>('PlateRecognitionEvent').implement({
  ...implementation('plate_recognition'),
  fields: (t) => ({
    eventData: t.field({ type: PlateEventData, resolve: (e) => e.event_data }),
    matches: t.field({ type: [PlateEventMatch], description: 'REST match_data', resolve: (e) => (e.match_data ?? []) as PlateMatchEntry[] }),
  }),
});

export const MotionDetectionEvent = builder.objectRef<EventView>('MotionDetectionEvent').implement({
  ...implementation('motion_detection'),
  fields: (t) => ({ eventData: t.field({ type: MotionEventData, resolve: (e) => e.event_data }) }),
});

export const LineCrossingEvent = builder.objectRef<EventView>('LineCrossingEvent').implement({
  ...implementation('line_crossing'),
  fields: (t) => ({ eventData: t.field({ type: LineCrossingEventData, resolve: (e) => e.event_data }) }),
});

export const RecognitionEventConnection = builder.objectRef<Connection<EventView>>('RecognitionEventConnection').implement({
  description: 'A page of events, oldest first',
  fields: (t) => ({
    nodes: t.field({ type: [RecognitionEvent], resolve: (c) => c.nodes }),
    pageInfo: t.field({ type: common.PageInfo, resolve: (c) => c.pageInfo }),
  }),
});
