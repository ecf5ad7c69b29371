import { expect } from 'vitest';
import { eventSnapshotPath, type RecognitionEventReport } from '@argus/media-engine/client';
import {
  engineReport,
  mediaBase,
  postEngineReport,
  signedAsEngine,
  type EngineReportSpec,
} from '../support/engine-reports.js';
import type { TestStack } from '../support/stack.js';
import { until } from '../support/waiting.js';

/** POST /internal/events exactly as an engine reports an event; the status it answered. */
export async function postReport(
  stack: TestStack,
  internalKey: string,
  report: RecognitionEventReport,
): Promise<number> {
  return (await postEngineReport(stack.subgraphs.media, internalKey, report)).status;
}

/** PUT /internal/events/{id}/snapshot as an engine stores an event's JPEG. */
export async function putSnapshot(stack: TestStack, internalKey: string, eventId: string, jpeg: Buffer): Promise<void> {
  const url = signedAsEngine(
    new URL(`${mediaBase(stack.subgraphs.media)}${eventSnapshotPath(eventId)}`),
    jpeg,
    internalKey,
  );
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'image/jpeg' },
    body: new Uint8Array(jpeg),
  });
  expect(res.status, await res.text()).toBeLessThan(300);
}

export type ReportSpec = Omit<EngineReportSpec, 'streamServerId'>;

/** A report of each kind as the `events-e2e` engine sends it. */
export function reportOf(spec: ReportSpec): RecognitionEventReport {
  return engineReport({ ...spec, streamServerId: 'events-e2e' });
}

/** A small real JPEG (what an engine stores as an event's snapshot). */
export async function jpegOf(seed: number): Promise<Buffer> {
  const sharp = (await import('sharp')).default;
  return sharp({ create: { width: 32, height: 24, channels: 3, background: { r: seed % 256, g: 40, b: 200 } } })
    .jpeg()
    .toBuffer();
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Reports a motion event on the camera as an engine does; its id. */
export async function announceMotion(stack: TestStack, internalKey: string, cameraId: string): Promise<string> {
  const event = reportOf({ cameraId, type: 'motion_detection', ts: Date.now() });
  expect(await postReport(stack, internalKey, event)).toBeLessThan(300);
  return event.eventId;
}

/** Reports motion events on the camera until every subscriber has one (each listens from its own start). */
export async function untilListening(
  stack: TestStack,
  internalKey: string,
  cameraId: string,
  subscribers: readonly { readonly ids: readonly string[] }[],
): Promise<void> {
  await until(
    async () => {
      await announceMotion(stack, internalKey, cameraId);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return subscribers.every((s) => s.ids.length > 0);
    },
    20_000,
    'every subscriber listening',
    0,
  );
}
