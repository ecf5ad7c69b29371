import type { GetStreamStatusQuery, GetStreamStatusSummaryQuery } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A downtime as the getStreamStatus document selects it (`end` null while it lasts). */
export type GraphqlStreamDowntime = NonNullable<GetStreamStatusQuery['streamDowntimes']>[number];

/** REST StreamStatusSummary (23.1): lifetime in seconds, availability in percent. */
export function toRestStreamStatusSummary(
  entries: GetStreamStatusSummaryQuery['streamStatusSummary'],
): RestSchema<'StreamStatusSummary'> {
  return {
    stream_status_summary: entries.map((e) => ({
      stream_id: e.cameraId,
      stream_name: e.cameraName,
      lifetime: e.lifetime,
      availability: e.availability,
    })),
  };
}

/**
 * REST StreamStatusDowntimeStats (23.2): `ts` and `downtime_start` are when it went offline,
 * `downtime_end` when it came back; a downtime still lasting ends "" (empty).
 */
export function toRestStreamDowntimes(
  periods: readonly GraphqlStreamDowntime[],
): RestSchema<'StreamStatusDowntimeStats'> {
  return {
    downtime_stats: periods.map((p) => ({
      ts: p.start,
      downtime_start: p.start,
      downtime_end: p.end ?? '',
      reason: p.reason,
    })),
  };
}
