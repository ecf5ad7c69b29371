/**
 * A camera's `video_analytics` as the engine runs it (schema `CameraVideoAnalytics`,
 * subgraphs/topology/CAMERA_SETTINGS.md). Read from topology's internal camera list; both the REST
 * spelling (`line_crossing`, `min_size_px`) and topology's stored spelling (`lineCrossing`,
 * `minSizePx`) are accepted, missing or out-of-range values take topology's defaults and bounds.
 */

/** A point of the frame as fractions of its width (x) and height (y) from the top-left corner. */
export interface FramePoint {
  readonly x: number;
  readonly y: number;
}

export type LineDirectionSetting = 'both' | 'left_to_right' | 'right_to_left';

export interface RecognitionSettings {
  readonly enabled: boolean;
  readonly minConfidence: number;
  readonly minSizePx: number;
}

export interface MotionRegion {
  readonly name: string;
  readonly polygon: readonly FramePoint[];
}

export interface CrossingLine {
  readonly name: string;
  readonly start: FramePoint;
  readonly end: FramePoint;
  readonly direction: LineDirectionSetting;
}

export interface AnalyticsSettings {
  /** frames analysed per second */
  readonly fps: number;
  readonly face: RecognitionSettings;
  readonly plate: RecognitionSettings;
  readonly motion: {
    readonly enabled: boolean;
    readonly sensitivity: number;
    readonly minArea: number;
    readonly regions: readonly MotionRegion[];
  };
  readonly lineCrossing: { readonly enabled: boolean; readonly lines: readonly CrossingLine[] };
}

/** topology's defaults (camera-settings.ts DEFAULTS) */
export const ANALYTICS_DEFAULTS = {
  fps: 2,
  face: { minConfidence: 0.6, minSizePx: 40 },
  plate: { minConfidence: 0.5, minSizePx: 60 },
  motion: { sensitivity: 0.5, minArea: 0.01 },
} as const;

type Loose = Record<string, unknown>;

/** The settings of a camera's `video_analytics` wire object; null when not configured. */
export function parseAnalyticsSettings(wire: unknown): AnalyticsSettings | null {
  if (!isObject(wire)) return null;
  const motion = objectOr(wire.motion);
  const lineCrossing = objectOr(wire.line_crossing ?? wire.lineCrossing);
  return {
    fps: numberIn(wire.fps, 0.1, 30, ANALYTICS_DEFAULTS.fps),
    face: recognition(wire.face, ANALYTICS_DEFAULTS.face),
    plate: recognition(wire.plate, ANALYTICS_DEFAULTS.plate),
    motion: {
      enabled: motion.enabled === true,
      sensitivity: numberIn(motion.sensitivity, 0, 1, ANALYTICS_DEFAULTS.motion.sensitivity),
      minArea: numberIn(motion.min_area ?? motion.minArea, 0, 1, ANALYTICS_DEFAULTS.motion.minArea),
      regions: listOf(motion.regions, 16, region).filter((r) => r.polygon.length >= 3),
    },
    lineCrossing: { enabled: lineCrossing.enabled === true, lines: listOf(lineCrossing.lines, 16, line) },
  };
}

/** Whether any detector is on. */
export function runsAnalysis(settings: AnalyticsSettings | null | undefined): settings is AnalyticsSettings {
  if (!settings) return false;
  return (
    settings.face.enabled ||
    settings.plate.enabled ||
    settings.motion.enabled ||
    (settings.lineCrossing.enabled && settings.lineCrossing.lines.length > 0)
  );
}

/** What, when it changes, makes a camera's analyser restart. */
export function analyticsFingerprint(settings: AnalyticsSettings | null | undefined): string {
  return JSON.stringify(runsAnalysis(settings) ? settings : null);
}

function recognition(raw: unknown, defaults: { minConfidence: number; minSizePx: number }): RecognitionSettings {
  const o = objectOr(raw);
  return {
    enabled: o.enabled === true,
    minConfidence: numberIn(o.min_confidence ?? o.minConfidence, 0, 1, defaults.minConfidence),
    minSizePx: Math.round(numberIn(o.min_size_px ?? o.minSizePx, 8, 4096, defaults.minSizePx)),
  };
}

function region(raw: unknown): MotionRegion | undefined {
  if (!isObject(raw) || typeof raw.name !== 'string') return undefined;
  return { name: raw.name, polygon: listOf(raw.polygon, 32, point) };
}

function line(raw: unknown): CrossingLine | undefined {
  if (!isObject(raw) || typeof raw.name !== 'string') return undefined;
  const start = point(raw.start);
  const end = point(raw.end);
  if (!start || !end || (start.x === end.x && start.y === end.y)) return undefined;
  const given = typeof raw.direction === 'string' ? raw.direction.toLowerCase() : 'both';
  const direction: LineDirectionSetting = given === 'left_to_right' || given === 'right_to_left' ? given : 'both';
  return { name: raw.name, start, end, direction };
}

function point(raw: unknown): FramePoint | undefined {
  if (!isObject(raw) || typeof raw.x !== 'number' || typeof raw.y !== 'number') return undefined;
  if (!Number.isFinite(raw.x) || !Number.isFinite(raw.y)) return undefined;
  return { x: clamp(raw.x, 0, 1), y: clamp(raw.y, 0, 1) };
}

function listOf<T>(raw: unknown, max: number, item: (raw: unknown) => T | undefined): T[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .slice(0, max)
    .map(item)
    .filter((x): x is T => x !== undefined);
}

function numberIn(raw: unknown, min: number, max: number, fallback: number): number {
  return typeof raw === 'number' && Number.isFinite(raw) ? clamp(raw, min, max) : fallback;
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}

function isObject(v: unknown): v is Loose {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function objectOr(v: unknown): Loose {
  return isObject(v) ? v : {};
}
