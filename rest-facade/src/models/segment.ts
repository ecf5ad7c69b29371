import type { GetSegmentsIndexQuery, ListSegmentsQuery } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A segment as the listSegments document selects it. */
export type GraphqlSegment = ListSegmentsQuery['segments'][number];

/** A playlist as the getSegmentsIndex document selects it. */
export type GraphqlSegmentIndex = NonNullable<GetSegmentsIndexQuery['segmentsIndex']>;

/** REST Segment (18.1): times in epoch seconds, the start rounded down and the end up so the span covers the segment. */
export type RestSegment = RestSchema<'Segment'>;

export function toRestSegmentList(segments: readonly GraphqlSegment[]): RestSchema<'SegmentList'> {
  return {
    segments: segments.map((s) => ({
      segment_url: s.url,
      ts_start: Math.floor(Date.parse(s.startsAt) / 1000),
      ts_end: Math.ceil(Date.parse(s.endsAt) / 1000),
      signature: s.signature,
    })),
  };
}

/** REST SegmentIndex (18.2). */
export function toRestSegmentIndex(index: GraphqlSegmentIndex): RestSchema<'SegmentIndex'> {
  return { index_url: index.url, signature: index.signature };
}

/** REST ts_from/ts_to (epoch seconds) → the GraphQL DateTime. */
export function epochSecondsToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
