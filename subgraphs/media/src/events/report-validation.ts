import { EVENT_ACTIONS, RECOGNITION_EVENT_TYPES, type RecognitionEventReport } from '@argus/media-engine/client';
import { isUuid } from '@argus/core';
import { decodeDescriptor } from './descriptor.js';
import { normalizePlateNumber } from '@argus/core';

/** One refused field of a report, in the REST 422 shape. */
export interface ReportProblem {
  readonly loc: (string | number)[];
  readonly msg: string;
  readonly type: string;
}

/** A checked report, with what storage derives from it. */
export interface CheckedReport {
  readonly report: RecognitionEventReport;
  readonly ts: Date;
  /** event_data as stored (face: the descriptor's data as sent, norm; plate: the normalised number) */
  readonly eventData: Record<string, unknown>;
  readonly plate: string | null;
  readonly descriptor: Float32Array | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown, max = 128): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isBox = (v: unknown): v is number[] => Array.isArray(v) && v.length === 4 && v.every(isNum);

/** Deepest nesting of objects and arrays a report may have (attributes are free-form). */
const MAX_DEPTH = 16;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What PostgreSQL cannot store (text and jsonb refuse NUL characters and unpaired surrogates) and
 * nesting deeper than MAX_DEPTH, anywhere in the report, keys included.
 */
function checkStorable(
  value: unknown,
  loc: (string | number)[],
  bad: (loc: (string | number)[], msg: string, type?: string) => void,
): void {
  const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);
  if (typeof value === 'string') {
    if (!storable(value)) bad(loc, 'must not contain NUL characters or unpaired surrogates', 'value_error.str');
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (loc.length >= MAX_DEPTH) return void bad(loc, `must not nest deeper than ${MAX_DEPTH} levels`);
  for (const [key, item] of Object.entries(value)) {
    const at = [...loc, Array.isArray(value) ? Number(key) : key];
    if (!storable(key)) bad(at, 'the name must not contain NUL characters or unpaired surrogates', 'value_error.str');
    else checkStorable(item, at, bad);
  }
}

/**
 * Checks a report strictly against the contract (`RecognitionEventReport`): every field of its type,
 * nothing unknown at the top. `ts` must lie within [now − maxAgeMs, now + 1 day].
 */
export function checkReport(body: unknown, now: number, maxAgeMs: number): CheckedReport | ReportProblem[] {
  const problems: ReportProblem[] = [];
  const bad = (loc: (string | number)[], msg: string, type = 'value_error') =>
    problems.push({ loc: ['body', ...loc], msg, type });
  if (!isObj(body)) return [{ loc: ['body'], msg: 'a JSON object is required', type: 'type_error.dict' }];
  const known = [
    'eventId',
    'cameraId',
    'streamServerId',
    'objectId',
    'eventAction',
    'ts',
    'frameSize',
    'eventType',
    'eventData',
  ];
  for (const key of Object.keys(body)) if (!known.includes(key)) bad([key], 'unknown field', 'value_error.extra');
  checkStorable(body, [], bad);
  if (!isUuid(body.eventId)) bad(['eventId'], 'must be a UUID');
  if (!isUuid(body.cameraId)) bad(['cameraId'], 'must be a UUID');
  if (!isText(body.streamServerId)) bad(['streamServerId'], 'must be a string of 1..128 characters');
  if (!isText(body.objectId)) bad(['objectId'], 'must be a string of 1..128 characters');
  if (!EVENT_ACTIONS.includes(body.eventAction as never))
    bad(['eventAction'], `must be one of ${EVENT_ACTIONS.join(', ')}`);
  if (!Number.isSafeInteger(body.ts)) bad(['ts'], 'must be an integer (milliseconds since the epoch)');
  else if ((body.ts as number) < now - maxAgeMs || (body.ts as number) > now + 86_400_000)
    bad(['ts'], 'is outside the retention window');
  const frame = body.frameSize;
  if (!Array.isArray(frame) || frame.length !== 2 || !frame.every((v) => Number.isInteger(v) && v > 0 && v <= 16384))
    bad(['frameSize'], 'must be [width, height] in pixels');
  if (!RECOGNITION_EVENT_TYPES.includes(body.eventType as never)) {
    bad(['eventType'], `must be one of ${RECOGNITION_EVENT_TYPES.join(', ')}`);
    return problems;
  }
  const data = body.eventData;
  if (!isObj(data)) {
    bad(['eventData'], 'must be an object', 'type_error.dict');
    return problems;
  }
  const at = (...loc: (string | number)[]) => ['eventData', ...loc];
  if (!isObj(data.detection) || !isBox(data.detection.bbox)) bad(at('detection', 'bbox'), 'must be [x1, y1, x2, y2]');
  const objClass = (attributes: unknown) => {
    if (attributes === undefined || attributes === null) return;
    if (!isObj(attributes) || ![0, 1, 2].includes(attributes.obj_class as number))
      bad(at('attributes', 'obj_class'), 'must be 0, 1 or 2');
  };
  let plate: string | null = null;
  let descriptor: Float32Array | null = null;
  let eventData: Obj = data;
  switch (body.eventType) {
    case 'face_recognition': {
      const d = data.descriptor;
      descriptor = isObj(d) ? (decodeDescriptor(d.data) ?? null) : null;
      if (!descriptor) bad(at('descriptor', 'data'), 'must be base64 of 512 float32 values');
      if (!isObj(d) || !isNum(d.norm) || d.norm < 0) bad(at('descriptor', 'norm'), 'must be a number ≥ 0');
      if (data.attributes !== undefined && data.attributes !== null && !isObj(data.attributes))
        bad(at('attributes'), 'must be an object');
      if (isObj(d) && d.version !== undefined && (typeof d.version !== 'string' || d.version.length > 64))
        bad(at('descriptor', 'version'), 'must be a string');
      if (isObj(d))
        eventData = {
          ...data,
          descriptor: { data: d.data, norm: d.norm, ...(typeof d.version === 'string' ? { version: d.version } : {}) },
        };
      break;
    }
    case 'plate_recognition': {
      const number = isObj(data.plate_number) ? data.plate_number.data : undefined;
      plate = typeof number === 'string' && number.length <= 64 ? normalizePlateNumber(number) : null;
      if (!plate) bad(at('plate_number', 'data'), 'must be a plate number');
      else eventData = { ...data, plate_number: { data: plate } };
      break;
    }
    case 'motion_detection': {
      const m = data.motion;
      if (!isObj(m) || !isBox(m.roi_bbox)) bad(at('motion', 'roi_bbox'), 'must be [x1, y1, x2, y2]');
      if (!isObj(m) || typeof m.roi_name !== 'string' || m.roi_name.length > 128)
        bad(at('motion', 'roi_name'), 'must be a string');
      if (!isObj(m) || !isNum(m.area_fr) || m.area_fr < 0 || m.area_fr > 1)
        bad(at('motion', 'area_fr'), 'must be within 0..1');
      objClass(data.attributes);
      break;
    }
    case 'line_crossing': {
      const l = data.line_crossing;
      if (!isObj(l) || !isBox(l.line_coords)) bad(at('line_crossing', 'line_coords'), 'must be [x1, y1, x2, y2]');
      if (!isObj(l) || ![0, 1, 2].includes(l.direction as number))
        bad(at('line_crossing', 'direction'), 'must be 0, 1 or 2');
      if (!isObj(l) || typeof l.line_name !== 'string' || l.line_name.length > 128)
        bad(at('line_crossing', 'line_name'), 'must be a string');
      objClass(data.attributes);
      break;
    }
  }
  if (problems.length > 0) return problems;
  return {
    report: body as unknown as RecognitionEventReport,
    ts: new Date(body.ts as number),
    eventData,
    plate,
    descriptor,
  };
}
