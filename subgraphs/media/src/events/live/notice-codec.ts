import type { EventNotice } from './event-notice.js';

const KINDS = new Set(['created', 'matched']);
const TYPES = new Set(['face_recognition', 'plate_recognition', 'motion_detection', 'line_crossing']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notice as it travels between processes (PostgreSQL NOTIFY payload, NATS message): compact JSON, far below 8,000 bytes. */
export function encodeNotice(notice: EventNotice): string {
  return JSON.stringify({
    e: notice.eventId,
    k: notice.kind,
    t: notice.eventType,
    c: notice.cameraId,
    o: notice.organizationId,
    p: notice.placeId,
    ts: notice.ts,
    ...(notice.maxPriority === undefined ? {} : { m: notice.maxPriority }),
  });
}

/** The notice, or undefined for anything that is not one (a foreign or damaged message is dropped). */
export function decodeNotice(payload: string): EventNotice | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { e, k, t, c, o, p, ts, m } = raw;
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
