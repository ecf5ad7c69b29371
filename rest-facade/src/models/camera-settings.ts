/**
 * A camera's settings between REST (snake_case, lower-case enum values, as documented in
 * subgraphs/topology/CAMERA_SETTINGS.md) and GraphQL (camelCase, upper-case enum values).
 * Inputs keep only the documented properties (pydantic ignores the others); a property left out
 * stays out, so the subgraph applies its defaults and keeps stored passwords.
 */

import type {
  CameraSourceInput,
  LineDirection,
  RecognitionDetectorInput,
  RestCameraFragment,
  RestRecognitionDetectorFragment,
  RestVideoAnalyticsFragment,
  SourceTransport,
  VideoAnalyticsInput,
  VideoStorageInput,
} from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

type Maybe<T> = T | null | undefined;

export type GraphqlCameraSource = RestCameraFragment['source'];
export type GraphqlRecognitionDetector = RestRecognitionDetectorFragment;
export type GraphqlVideoAnalytics = RestVideoAnalyticsFragment;
export type GraphqlVideoStorage = NonNullable<RestCameraFragment['videoStorage']>;

// --- GraphQL → REST (what is returned: no password, only whether one is stored)

export function toRestSource(source: GraphqlCameraSource): RestSchema<'CameraSource'> {
  return {
    url: source.url,
    username: source.username ?? null,
    transport: lower(source.transport),
    has_password: source.hasPassword,
  };
}

export function toRestVideoAnalytics(analytics: Maybe<GraphqlVideoAnalytics>): RestSchema<'CameraVideoAnalytics'> {
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
        direction: lower(l.direction),
      })),
    },
  };
}

function toRestDetector(detector: GraphqlRecognitionDetector): RestSchema<'CameraRecognitionDetector'> {
  return { enabled: detector.enabled, min_confidence: detector.minConfidence, min_size_px: detector.minSizePx };
}

export function toRestVideoStorage(storage: Maybe<GraphqlVideoStorage>): RestSchema<'CameraVideoStorage'> {
  return storage ? { enabled: storage.enabled, retention_days: storage.retentionDays } : null;
}

export function toRestToggle(toggle: Maybe<{ readonly enabled: boolean }>): RestSchema<'CameraPtz'> {
  return toggle ? { enabled: toggle.enabled } : null;
}

// --- REST → GraphQL inputs

export function toSourceInput(source: RestSchema<'CameraSource'>): CameraSourceInput {
  return {
    url: source.url,
    username: source.username ?? null,
    // left out: the stored password is kept; null or "": removed
    password: source.password,
    transport: upper<SourceTransport>(source.transport),
  };
}

export function toVideoAnalyticsInput(
  analytics: RestSchema<'CameraVideoAnalytics'> | undefined,
): VideoAnalyticsInput | null {
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
            analytics.motion.regions?.map((r) => ({
              name: r.name,
              polygon: r.polygon.map(point),
            })) ?? null,
        }
      : null,
    lineCrossing: analytics.line_crossing
      ? {
          enabled: analytics.line_crossing.enabled,
          lines:
            analytics.line_crossing.lines?.map((l) => ({
              name: l.name,
              start: point(l.start),
              end: point(l.end),
              direction: upper<LineDirection>(l.direction),
            })) ?? null,
        }
      : null,
  };
}

function toDetectorInput(
  detector: RestSchema<'CameraRecognitionDetector'> | undefined,
): RecognitionDetectorInput | null {
  return detector
    ? {
        enabled: detector.enabled,
        minConfidence: detector.min_confidence ?? null,
        minSizePx: detector.min_size_px ?? null,
      }
    : null;
}

export function toVideoStorageInput(storage: RestSchema<'CameraVideoStorage'> | undefined): VideoStorageInput | null {
  return storage ? { enabled: storage.enabled, retentionDays: storage.retention_days ?? null } : null;
}

export function toToggleInput(toggle: RestSchema<'CameraPtz'> | undefined): { enabled: boolean } | null {
  return toggle ? { enabled: toggle.enabled } : null;
}

function point(p: { readonly x: number; readonly y: number }): { x: number; y: number } {
  return { x: p.x, y: p.y };
}

/** A GraphQL enum value's REST spelling (TCP → tcp, LEFT_TO_RIGHT → left_to_right). */
function lower<T extends string>(value: T): Lowercase<T> {
  return value.toLowerCase() as Lowercase<T>;
}

/** A REST enum value as the GraphQL enum (the contract validated it; anything else is left out). */
function upper<T extends SourceTransport | LineDirection>(value: Maybe<string>): T | undefined {
  return typeof value === 'string' ? (value.toUpperCase() as T) : undefined;
}
