import type {
  GetEventMatchesByPriorityStatsQuery,
  GetEventsByTypeStatsQuery,
  GetEventsIntensityStatsQuery,
  StatsBucket,
} from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** Counts per bucket as the stats documents select them. */
export type GraphqlEventTypeCounts = GetEventsByTypeStatsQuery['eventCountsByType'];
export type GraphqlEventMatchCounts = GetEventMatchesByPriorityStatsQuery['eventMatchCountsByPriority'];
export type GraphqlEventIntensity = GetEventsIntensityStatsQuery['eventIntensity'];

/** hour | day: how long each entry's period is. */
const period = (bucket: StatsBucket) => bucket.toLowerCase() as RestSchema<'StatsPeriod'>;

/** REST 20.2: `{period, entries: [{ts, face_recognition, plate_recognition, motion_detection, line_crossing}]}`. */
export function toRestEventsByType(counts: GraphqlEventTypeCounts): RestSchema<'StatsEventsByType'> {
  return {
    period: period(counts.bucket),
    entries: counts.buckets.map((b) => ({
      ts: b.start,
      face_recognition: b.faceRecognition,
      plate_recognition: b.plateRecognition,
      motion_detection: b.motionDetection,
      line_crossing: b.lineCrossing,
    })),
  };
}

/** REST 20.3: `{period, entries: [{ts, low, medium, high, none}]}` by the highest priority among an event's matches. */
export function toRestEventMatchesByPriority(
  counts: GraphqlEventMatchCounts,
): RestSchema<'StatsEventMatchesByPriority'> {
  return {
    period: period(counts.bucket),
    entries: counts.buckets.map((b) => ({ ts: b.start, low: b.low, medium: b.medium, high: b.high, none: b.none })),
  };
}

/** REST 20.4: `{meta: {event_types}, entries: [{ts, fr, pr, md, lc}]}`. */
export function toRestEventsIntensity(intensity: GraphqlEventIntensity): RestSchema<'StatsEventsIntensity'> {
  const eventTypes = (intensity.meta?.eventTypes ?? null) as Record<string, unknown> | null;
  return {
    meta: { event_types: eventTypes },
    entries: intensity.entries.map((e) => ({ ts: e.ts, fr: e.fr, pr: e.pr, md: e.md, lc: e.lc })),
  };
}
