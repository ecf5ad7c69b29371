/** A segment as the listSegments document selects it. */
export interface GraphqlSegment {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly url: string;
  readonly signature: string;
}

/** A playlist as the getSegmentsIndex document selects it. */
export interface GraphqlSegmentIndex {
  readonly url: string;
  readonly signature: string;
}

/** REST Segment (18.1): times in epoch seconds, the start rounded down and the end up so the span covers the segment. */
export interface RestSegment {
  segment_url: string;
  ts_start: number;
  ts_end: number;
  signature: string;
}

export function toRestSegmentList(segments: readonly GraphqlSegment[]): { segments: RestSegment[] } {
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
export function toRestSegmentIndex(index: GraphqlSegmentIndex): { index_url: string; signature: string } {
  return { index_url: index.url, signature: index.signature };
}

/** REST ts_from/ts_to (epoch seconds) → the GraphQL DateTime. */
export function epochSecondsToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
