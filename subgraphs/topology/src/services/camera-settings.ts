import {
  integerIn,
  invalid,
  listOf,
  numberIn,
  optionalText,
  text,
  uniqueNames,
  type FieldPath,
} from './field-rules.js';

/**
 * What a camera is configured with: where its video comes from and what Argus does with it.
 * The shapes are documented in CAMERA_SETTINGS.md; inputs are checked and completed with
 * defaults here, and any refusal names the input field (["input", "source", "url"]).
 */

export const SOURCE_TRANSPORTS = ['tcp', 'udp', 'auto'] as const;
export type SourceTransport = (typeof SOURCE_TRANSPORTS)[number];

export const LINE_DIRECTIONS = ['both', 'left_to_right', 'right_to_left'] as const;
export type LineDirection = (typeof LINE_DIRECTIONS)[number];

/** The stream: an RTSP URL (credentials kept apart, the password is write-only) and its transport. */
export interface CameraSource {
  readonly url: string;
  readonly username: string | null;
  readonly password?: string;
  readonly transport: SourceTransport;
}

/** The source as it may be shown: no password, only whether one is stored. */
export interface PublicCameraSource {
  readonly url: string;
  readonly username: string | null;
  readonly hasPassword: boolean;
  readonly transport: SourceTransport;
}

/** A point of the video frame, as fractions of its width (x) and height (y) from the top left. */
export interface Point {
  readonly x: number;
  readonly y: number;
}
export interface Region {
  readonly name: string;
  readonly polygon: readonly Point[];
}
export interface CrossingLine {
  readonly name: string;
  readonly start: Point;
  readonly end: Point;
  readonly direction: LineDirection;
}

export interface RecognitionDetector {
  readonly enabled: boolean;
  readonly minConfidence: number;
  readonly minSizePx: number;
}
export interface MotionDetector {
  readonly enabled: boolean;
  readonly sensitivity: number;
  readonly minArea: number;
  readonly regions: readonly Region[];
}
export interface LineCrossingDetector {
  readonly enabled: boolean;
  readonly lines: readonly CrossingLine[];
}

export interface VideoAnalytics {
  /** frames analysed per second */
  readonly fps: number;
  readonly face: RecognitionDetector;
  readonly plate: RecognitionDetector;
  readonly motion: MotionDetector;
  readonly lineCrossing: LineCrossingDetector;
}

export interface VideoStorage {
  readonly enabled: boolean;
  readonly retentionDays: number;
}
export interface VideoStreaming {
  readonly enabled: boolean;
}
export interface PtzSettings {
  readonly enabled: boolean;
}

type Maybe<T> = T | null | undefined;

export interface CameraSourceInput {
  url: string;
  username?: Maybe<string>;
  password?: Maybe<string>;
  transport?: Maybe<SourceTransport>;
}
export interface PointInput {
  x: number;
  y: number;
}
export interface RegionInput {
  name: string;
  polygon: readonly PointInput[];
}
export interface CrossingLineInput {
  name: string;
  start: PointInput;
  end: PointInput;
  direction?: Maybe<LineDirection>;
}
export interface RecognitionDetectorInput {
  enabled: boolean;
  minConfidence?: Maybe<number>;
  minSizePx?: Maybe<number>;
}
export interface MotionDetectorInput {
  enabled: boolean;
  sensitivity?: Maybe<number>;
  minArea?: Maybe<number>;
  regions?: Maybe<readonly RegionInput[]>;
}
export interface LineCrossingDetectorInput {
  enabled: boolean;
  lines?: Maybe<readonly CrossingLineInput[]>;
}
export interface VideoAnalyticsInput {
  fps?: Maybe<number>;
  face?: Maybe<RecognitionDetectorInput>;
  plate?: Maybe<RecognitionDetectorInput>;
  motion?: Maybe<MotionDetectorInput>;
  lineCrossing?: Maybe<LineCrossingDetectorInput>;
}
export interface VideoStorageInput {
  enabled: boolean;
  retentionDays?: Maybe<number>;
}
export interface ToggleInput {
  enabled: boolean;
}

export const DEFAULTS = {
  transport: 'tcp' as SourceTransport,
  fps: 2,
  face: { minConfidence: 0.6, minSizePx: 40 },
  plate: { minConfidence: 0.5, minSizePx: 60 },
  motion: { sensitivity: 0.5, minArea: 0.01 },
  retentionDays: 7,
} as const;

const SOURCE_SCHEMES = ['rtsp:', 'rtsps:'];

/**
 * The source to store. A password in the URL is moved out of it; `storedPassword` is kept
 * when the input says nothing about the password (undefined), and null or "" removes it.
 */
export function parseCameraSource(
  input: CameraSourceInput,
  storedPassword?: string | null,
  path: FieldPath = ['input', 'source'],
): CameraSource {
  const raw = text(input.url, [...path, 'url'], 2048);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid([...path, 'url'], 'invalid or missing URL scheme', 'invalid_url_scheme');
  }
  if (!SOURCE_SCHEMES.includes(url.protocol))
    throw invalid([...path, 'url'], 'URL scheme not permitted: use rtsp or rtsps', 'invalid_url_scheme');
  if (!url.hostname) throw invalid([...path, 'url'], 'URL host invalid', 'invalid_url_host');
  let username = optionalText(input.username, [...path, 'username'], 255);
  let password: string | null | undefined = input.password === undefined ? undefined : input.password || null;
  if (url.username || url.password) {
    if (username !== null || password)
      throw invalid([...path, 'url'], 'give credentials either in the URL or as username and password, not both');
    username = decodeURIComponent(url.username) || null;
    password = url.password ? decodeURIComponent(url.password) : password;
    url.username = '';
    url.password = '';
  }
  if (password && password.length > 255)
    throw invalid([...path, 'password'], 'ensure this value has at most 255 characters', 'too_long', { limit: 255 });
  const transport = input.transport ?? DEFAULTS.transport;
  if (!SOURCE_TRANSPORTS.includes(transport))
    throw invalid([...path, 'transport'], `value is not one of ${SOURCE_TRANSPORTS.join(', ')}`, 'not_one_of');
  const kept = password === undefined ? (storedPassword ?? null) : password;
  return { url: url.toString(), username, ...(kept ? { password: kept } : {}), transport };
}

export function parseVideoAnalytics(
  input: Maybe<VideoAnalyticsInput>,
  path: FieldPath = ['input', 'videoAnalytics'],
): VideoAnalytics | null {
  if (!input) return null;
  return {
    fps: numberIn(input.fps ?? DEFAULTS.fps, [...path, 'fps'], 0.1, 30),
    face: recognition(input.face, [...path, 'face'], DEFAULTS.face),
    plate: recognition(input.plate, [...path, 'plate'], DEFAULTS.plate),
    motion: motion(input.motion, [...path, 'motion']),
    lineCrossing: lineCrossing(input.lineCrossing, [...path, 'lineCrossing']),
  };
}

export function parseVideoStorage(
  input: Maybe<VideoStorageInput>,
  path: FieldPath = ['input', 'videoStorage'],
): VideoStorage | null {
  if (!input) return null;
  return {
    enabled: input.enabled,
    retentionDays: integerIn(input.retentionDays ?? DEFAULTS.retentionDays, [...path, 'retentionDays'], 1, 3650),
  };
}

export function parseToggle(input: Maybe<ToggleInput>): { enabled: boolean } | null {
  return input ? { enabled: input.enabled } : null;
}

/** The source without its password. */
export function publicSource(source: Omit<CameraSource, 'password'>, hasPassword: boolean): PublicCameraSource {
  return { url: source.url, username: source.username ?? null, hasPassword, transport: source.transport };
}

function recognition(
  input: Maybe<RecognitionDetectorInput>,
  path: FieldPath,
  defaults: { minConfidence: number; minSizePx: number },
): RecognitionDetector {
  return {
    enabled: input?.enabled ?? false,
    minConfidence: numberIn(input?.minConfidence ?? defaults.minConfidence, [...path, 'minConfidence'], 0, 1),
    minSizePx: integerIn(input?.minSizePx ?? defaults.minSizePx, [...path, 'minSizePx'], 8, 4096),
  };
}

function motion(input: Maybe<MotionDetectorInput>, path: FieldPath): MotionDetector {
  const regions = listOf(input?.regions ?? [], [...path, 'regions'], 16, (region, at) => ({
    name: text(region.name, [...at, 'name'], 64),
    polygon: polygon(region.polygon, [...at, 'polygon']),
  }));
  uniqueNames(regions, [...path, 'regions']);
  return {
    enabled: input?.enabled ?? false,
    sensitivity: numberIn(input?.sensitivity ?? DEFAULTS.motion.sensitivity, [...path, 'sensitivity'], 0, 1),
    minArea: numberIn(input?.minArea ?? DEFAULTS.motion.minArea, [...path, 'minArea'], 0, 1),
    regions,
  };
}

function lineCrossing(input: Maybe<LineCrossingDetectorInput>, path: FieldPath): LineCrossingDetector {
  const lines = listOf(input?.lines ?? [], [...path, 'lines'], 16, (line, at) => {
    const start = point(line.start, [...at, 'start']);
    const end = point(line.end, [...at, 'end']);
    if (start.x === end.x && start.y === end.y) throw invalid([...at, 'end'], 'a line needs two different points');
    const direction = line.direction ?? 'both';
    if (!LINE_DIRECTIONS.includes(direction))
      throw invalid([...at, 'direction'], `value is not one of ${LINE_DIRECTIONS.join(', ')}`, 'not_one_of');
    return { name: text(line.name, [...at, 'name'], 64), start, end, direction };
  });
  uniqueNames(lines, [...path, 'lines']);
  const enabled = input?.enabled ?? false;
  if (enabled && lines.length === 0)
    throw invalid([...path, 'lines'], 'line crossing needs at least one line when enabled', 'too_few_items', {
      limit: 1,
    });
  return { enabled, lines };
}

function polygon(points: readonly PointInput[], path: FieldPath): Point[] {
  if (points.length < 3) throw invalid(path, 'a region needs at least 3 points', 'too_few_items', { limit: 3 });
  return listOf(points, path, 32, point);
}

function point(input: PointInput, path: FieldPath): Point {
  return { x: numberIn(input.x, [...path, 'x'], 0, 1), y: numberIn(input.y, [...path, 'y'], 0, 1) };
}
