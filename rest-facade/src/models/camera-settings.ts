/**
 * A camera's settings between REST (snake_case, lower-case enum values, as documented in
 * subgraphs/topology/CAMERA_SETTINGS.md) and GraphQL (camelCase, upper-case enum values).
 * Inputs keep only the documented properties (pydantic ignores the others); a property left out
 * stays out, so the subgraph applies its defaults and keeps stored passwords.
 */

type Maybe<T> = T | null | undefined;
type Body = Record<string, any>;

interface Point {
  readonly x: number;
  readonly y: number;
}

export interface GraphqlCameraSource {
  readonly url: string;
  readonly username: string | null;
  readonly transport: string;
  readonly hasPassword: boolean;
}
export interface GraphqlRecognitionDetector {
  readonly enabled: boolean;
  readonly minConfidence: number;
  readonly minSizePx: number;
}
export interface GraphqlVideoAnalytics {
  readonly fps: number;
  readonly face: GraphqlRecognitionDetector;
  readonly plate: GraphqlRecognitionDetector;
  readonly motion: {
    readonly enabled: boolean;
    readonly sensitivity: number;
    readonly minArea: number;
    readonly regions: readonly { name: string; polygon: readonly Point[] }[];
  };
  readonly lineCrossing: {
    readonly enabled: boolean;
    readonly lines: readonly { name: string; start: Point; end: Point; direction: string }[];
  };
}
export interface GraphqlVideoStorage {
  readonly enabled: boolean;
  readonly retentionDays: number;
}

// --- GraphQL → REST (what is returned: no password, only whether one is stored)

export function toRestSource(source: GraphqlCameraSource) {
  return {
    url: source.url,
    username: source.username ?? null,
    transport: source.transport.toLowerCase(),
    has_password: source.hasPassword,
  };
}

export function toRestVideoAnalytics(analytics: Maybe<GraphqlVideoAnalytics>) {
  if (!analytics) return null;
  const { motion, lineCrossing } = analytics;
  return {
    fps: analytics.fps,
    face: toRestDetector(analytics.face),
    plate: toRestDetector(analytics.plate),
    motion: {
      enabled: motion.enabled,
      sensitivity: motion.sensitivity,
      min_area: motion.minArea,
      regions: motion.regions.map((r) => ({ name: r.name, polygon: r.polygon.map(point) })),
    },
    line_crossing: {
      enabled: lineCrossing.enabled,
      lines: lineCrossing.lines.map((l) => ({
        name: l.name,
        start: point(l.start),
        end: point(l.end),
        direction: l.direction.toLowerCase(),
      })),
    },
  };
}

function toRestDetector(detector: GraphqlRecognitionDetector) {
  return { enabled: detector.enabled, min_confidence: detector.minConfidence, min_size_px: detector.minSizePx };
}

export function toRestVideoStorage(storage: Maybe<GraphqlVideoStorage>) {
  return storage ? { enabled: storage.enabled, retention_days: storage.retentionDays } : null;
}

export function toRestToggle(toggle: Maybe<{ readonly enabled: boolean }>) {
  return toggle ? { enabled: toggle.enabled } : null;
}

// --- REST → GraphQL inputs

export function toSourceInput(source: Body): Record<string, unknown> {
  return {
    url: source.url,
    username: source.username ?? null,
    // left out: the stored password is kept; null or "": removed
    password: source.password,
    transport: upper(source.transport),
  };
}

export function toVideoAnalyticsInput(analytics: Maybe<Body>): Record<string, unknown> | null {
  if (!analytics) return null;
  return {
    fps: analytics.fps ?? null,
    face: toDetectorInput(analytics.face),
    plate: toDetectorInput(analytics.plate),
    motion: analytics.motion
      ? {
          enabled: analytics.motion.enabled,
          sensitivity: analytics.motion.sensitivity ?? null,
          minArea: analytics.motion.min_area ?? null,
          regions:
            (analytics.motion.regions as Maybe<Body[]>)?.map((r) => ({
              name: r.name,
              polygon: (r.polygon as Body[]).map(point),
            })) ?? null,
        }
      : null,
    lineCrossing: analytics.line_crossing
      ? {
          enabled: analytics.line_crossing.enabled,
          lines:
            (analytics.line_crossing.lines as Maybe<Body[]>)?.map((l) => ({
              name: l.name,
              start: point(l.start),
              end: point(l.end),
              direction: upper(l.direction),
            })) ?? null,
        }
      : null,
  };
}

function toDetectorInput(detector: Maybe<Body>): Record<string, unknown> | null {
  return detector
    ? {
        enabled: detector.enabled,
        minConfidence: detector.min_confidence ?? null,
        minSizePx: detector.min_size_px ?? null,
      }
    : null;
}

export function toVideoStorageInput(storage: Maybe<Body>): Record<string, unknown> | null {
  return storage ? { enabled: storage.enabled, retentionDays: storage.retention_days ?? null } : null;
}

export function toToggleInput(toggle: Maybe<Body>): Record<string, unknown> | null {
  return toggle ? { enabled: toggle.enabled } : null;
}

function point(p: Point | Body): Point {
  return { x: p.x, y: p.y };
}

function upper(value: Maybe<string>): string | undefined {
  return typeof value === 'string' ? value.toUpperCase() : undefined;
}
