import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  EVENT_REPORT_PATH,
  eventSnapshotPath,
  type RecognitionEventReport,
  type RecognitionEventType,
} from '@argus/media-engine/client';
import { signingKey, signInternalUrl } from '@argus/media-engine/recording';
import type { TestStack } from '../support/stack.js';

/** What an engine signs internal calls with: the `engine-internal` key over path + query, the body bound by its hash. */
function signedInternal(url: URL, body: Buffer | string, internalKey: string): URL {
  url.searchParams.set('body_sha256', createHash('sha256').update(body).digest('hex'));
  return signInternalUrl(url, signingKey(internalKey, 'engine-internal'), Math.floor(Date.now() / 1000) + 60);
}

/** The media part's base URL (its internal routes are next to its GraphQL endpoint). */
function mediaBase(stack: TestStack): string {
  return stack.subgraphs.media.replace(/\/graphql\/?$/, '');
}

/** POST /internal/events exactly as an engine reports an event; the status it answered. */
export async function postReport(
  stack: TestStack,
  internalKey: string,
  report: RecognitionEventReport,
): Promise<number> {
  const body = JSON.stringify(report);
  const url = signedInternal(new URL(`${mediaBase(stack)}${EVENT_REPORT_PATH}`), body, internalKey);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

/** PUT /internal/events/{id}/snapshot as an engine stores an event's JPEG. */
export async function putSnapshot(stack: TestStack, internalKey: string, eventId: string, jpeg: Buffer): Promise<void> {
  const url = signedInternal(new URL(`${mediaBase(stack)}${eventSnapshotPath(eventId)}`), jpeg, internalKey);
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'image/jpeg' },
    body: new Uint8Array(jpeg),
  });
  expect(res.status, await res.text()).toBeLessThan(300);
}

export interface ReportSpec {
  readonly cameraId: string;
  readonly type: RecognitionEventType;
  readonly ts: number;
  /** face: the descriptor; plate: the number; motion/line: the region or line name */
  readonly descriptor?: { data: string; norm: number };
  readonly plate?: string;
  readonly name?: string;
}

/** A report of each kind, in the shapes the engine contract gives (media-engine/src/client/recognition-events.ts). */
export function reportOf(spec: ReportSpec): RecognitionEventReport {
  const base = {
    eventId: randomUUID(),
    cameraId: spec.cameraId,
    streamServerId: 'events-e2e',
    objectId: randomUUID(),
    eventAction: 'appeared' as const,
    ts: spec.ts,
    frameSize: [640, 480] as const,
  };
  const detection = { bbox: [10, 20, 110, 140] as [number, number, number, number] };
  switch (spec.type) {
    case 'face_recognition':
      return {
        ...base,
        eventType: 'face_recognition',
        eventData: { detection, descriptor: spec.descriptor!, attributes: {} },
      };
    case 'plate_recognition':
      return { ...base, eventType: 'plate_recognition', eventData: { plate_number: { data: spec.plate! }, detection } };
    case 'motion_detection':
      return {
        ...base,
        eventAction: 'appeared',
        eventType: 'motion_detection',
        eventData: {
          motion: { roi_bbox: [0, 0, 640, 480], roi_name: spec.name ?? 'whole frame', area_fr: 0.25 },
          detection,
          attributes: { obj_class: 0 },
        },
      };
    case 'line_crossing':
      return {
        ...base,
        eventType: 'line_crossing',
        eventData: {
          line_crossing: { line_coords: [0, 240, 640, 240], direction: 1, line_name: spec.name ?? 'door' },
          detection,
          attributes: { obj_class: 1 },
        },
      };
  }
}

/** A small real JPEG (what an engine stores as an event's snapshot). */
export async function jpegOf(seed: number): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width: 32, height: 24, channels: 3, background: { r: seed % 256, g: 40, b: 200 } } })
    .jpeg()
    .toBuffer();
}

export const iso = (ms: number): string => new Date(ms).toISOString();
