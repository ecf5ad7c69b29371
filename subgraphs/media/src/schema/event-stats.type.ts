import type { EventCounts, EventMatchCountBucket, EventTypeCountBucket } from '../events/event.types.js';
import type { EventIntensity as EventIntensityValue, IntensityEntry } from '../events/event-stats.js';
import { builder } from './builder.js';

export const StatsBucketEnum = builder.enumType('StatsBucket', {
  description: 'How counts are grouped: hours for windows up to 24 h, days beyond (UTC)',
  values: { HOUR: { value: 'hour' }, DAY: { value: 'day' } } as const,
});

export const EventTypeCountBucketType = builder.objectRef<EventTypeCountBucket>('EventTypeCountBucket').implement({
  fields: (t) => ({
    start: t.field({ type: 'DateTime', description: 'Start of the hour or day (UTC)', resolve: (b) => b.start }),
    faceRecognition: t.exposeInt('face_recognition'),
    plateRecognition: t.exposeInt('plate_recognition'),
    motionDetection: t.exposeInt('motion_detection'),
    lineCrossing: t.exposeInt('line_crossing'),
  }),
});

export const EventTypeCounts = builder.objectRef<EventCounts<EventTypeCountBucket>>('EventTypeCounts').implement({
  description: 'Events per type and bucket; every bucket of the window, empty ones as zeros',
  fields: (t) => ({
    bucket: t.field({ type: StatsBucketEnum, resolve: (c) => c.bucket }),
    buckets: t.field({ type: [EventTypeCountBucketType], resolve: (c) => c.buckets }),
  }),
});

export const EventMatchCountBucketType = builder.objectRef<EventMatchCountBucket>('EventMatchCountBucket').implement({
  description: 'Matched events by the highest priority among their matches',
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (b) => b.start }),
    low: t.exposeInt('low'),
    medium: t.exposeInt('medium'),
    high: t.exposeInt('high'),
    none: t.exposeInt('none', { description: 'Matched lists without a priority' }),
  }),
});

export const EventMatchCounts = builder.objectRef<EventCounts<EventMatchCountBucket>>('EventMatchCounts').implement({
  description: 'Event matches per priority and bucket; every bucket of the window',
  fields: (t) => ({
    bucket: t.field({ type: StatsBucketEnum, resolve: (c) => c.bucket }),
    buckets: t.field({ type: [EventMatchCountBucketType], resolve: (c) => c.buckets }),
  }),
});

export const EventIntensityEntry = builder.objectRef<IntensityEntry>('EventIntensityEntry').implement({
  fields: (t) => ({
    ts: t.field({ type: 'DateTime', description: 'Start of the bucket (UTC)', resolve: (e) => e.start }),
    fr: t.exposeInt('fr', { description: 'face_recognition events' }),
    pr: t.exposeInt('pr', { description: 'plate_recognition events' }),
    md: t.exposeInt('md', { description: 'motion_detection events' }),
    lc: t.exposeInt('lc', { description: 'line_crossing events' }),
  }),
});

export const EventIntensityMeta = builder.objectRef<EventIntensityValue['meta']>('EventIntensityMeta').implement({
  fields: (t) => ({
    eventTypes: t.field({ type: 'JSON', description: '{fr: "face_recognition", pr: …, md: …, lc: …}', resolve: (m) => m.event_types }),
  }),
});

export const EventIntensity = builder.objectRef<EventIntensityValue>('EventIntensity').implement({
  description: 'Events per bucket of the given cameras by type abbreviation',
  fields: (t) => ({
    bucket: t.field({ type: StatsBucketEnum, resolve: (i) => i.bucket }),
    meta: t.field({ type: EventIntensityMeta, resolve: (i) => i.meta }),
    entries: t.field({ type: [EventIntensityEntry], resolve: (i) => i.entries }),
  }),
});
