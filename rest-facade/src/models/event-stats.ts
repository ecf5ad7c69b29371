/** Counts per bucket as the stats documents select them. */
export interface GraphqlEventTypeCounts {
  readonly bucket: string;
  readonly buckets: readonly {
    readonly start: string;
    readonly faceRecognition: number;
    readonly plateRecognition: number;
    readonly motionDetection: number;
    readonly lineCrossing: number;
  }[];
}

export interface GraphqlEventMatchCounts {
  readonly bucket: string;
  readonly buckets: readonly {
    readonly start: string;
    readonly low: number;
    readonly medium: number;
    readonly high: number;
    readonly none: number;
  }[];
}

export interface GraphqlEventIntensity {
  readonly meta: { readonly eventTypes: Record<string, string> | null } | null;
  readonly entries: readonly {
    readonly ts: string;
    readonly fr: number;
    readonly pr: number;
    readonly md: number;
    readonly lc: number;
  }[];
}

/** hour | day: how long each entry's period is. */
const period = (bucket: string) => bucket.toLowerCase();

/** REST 20.2: `{period, entries: [{ts, face_recognition, plate_recognition, motion_detection, line_crossing}]}`. */
export function toRestEventsByType(counts: GraphqlEventTypeCounts): Record<string, unknown> {
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
export function toRestEventMatchesByPriority(counts: GraphqlEventMatchCounts): Record<string, unknown> {
  return {
    period: period(counts.bucket),
    entries: counts.buckets.map((b) => ({ ts: b.start, low: b.low, medium: b.medium, high: b.high, none: b.none })),
  };
}

/** REST 20.4: `{meta: {event_types}, entries: [{ts, fr, pr, md, lc}]}`. */
export function toRestEventsIntensity(intensity: GraphqlEventIntensity): Record<string, unknown> {
  return {
    meta: { event_types: intensity.meta?.eventTypes ?? null },
    entries: intensity.entries.map((e) => ({ ts: e.ts, fr: e.fr, pr: e.pr, md: e.md, lc: e.lc })),
  };
}
