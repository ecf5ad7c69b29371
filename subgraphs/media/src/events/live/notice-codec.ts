import type { EventNotice } from './event-notice.js';

const KINDS = new Set(['created', 'matched']);
const TYPES = new Set(['face_recognition', 'plate_recognition', 'motion_detection', 'line_crossing']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notice as it travels between processes (PostgreSQL NOTIFY payload, NATS message): compact JSON, far below 8,000 bytes. */
export function encodeNotice(notice: EventNotice): string {
  return JSON.stringify(compact(notice));
}

/** Several notices in one payload (a JSON array of what `encodeNotice` writes). */
export function encodeNotices(encoded: readonly string[]): string {
  return encoded.length === 1 ? encoded[0]! : `[${encoded.join(',')}]`;
}

/** The notices of a payload of one notice or of several; what is not a notice is left out. */
export function decodeNotices(payload: string): { notices: EventNotice[]; malformed: number } {
  let raw: unknown;
  try {
    raw = JSON.parse(payload);
  } catch {
    return { notices: [], malformed: 1 };
  }
  const notices: EventNotice[] = [];
  let malformed = 0;
  for (const item of Array.isArray(raw) ? raw : [raw]) {
    const notice = noticeOf(item);
    if (notice) notices.push(notice);
    else malformed += 1;
  }
  return { notices, malformed };
}

function compact(notice: EventNotice) {
  return {
    e: notice.eventId,
    k: notice.kind,
    t: notice.eventType,
    c: notice.cameraId,
    o: notice.organizationId,
    p: notice.placeId,
    ts: notice.ts,
    ...(notice.maxPriority === undefined ? {} : { m: notice.maxPriority }),
  };
}

/** The notice, or undefined for anything that is not one (a foreign or damaged message is dropped). */
export function decodeNotice(payload: string): EventNotice | undefined {
  try {
    return noticeOf(JSON.parse(payload));
  } catch {
    return undefined;
  }
}

function noticeOf(value: unknown): EventNotice | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { e, k, t, c, o, p, ts, m } = value as Record<string, unknown>;
  if (typeof e !== 'string' || !UUID.test(e) || typeof c !== 'string' || !UUID.test(c)) return undefined;
  if (typeof k !== 'string' || !KINDS.has(k) || typeof t !== 'string' || !TYPES.has(t)) return undefined;
  if (!Number.isInteger(o) || !(p === null || Number.isInteger(p)) || typeof ts !== 'number') return undefined;
  if (m !== undefined && !Number.isInteger(m)) return undefined;
  return {
    eventId: e,
    kind: k as EventNotice['kind'],
    eventType: t as EventNotice['eventType'],
    cameraId: c,
    organizationId: o as number,
    placeId: p as number | null,
    ts,
    ...(m === undefined ? {} : { maxPriority: m as number }),
  };
}
