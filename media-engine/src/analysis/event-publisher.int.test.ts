import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecognitionEventReport } from '../client/recognition-events.js';
import { capturedLogger } from '../rtsp-test-server/captured-logger.js';
import { EventPublisher } from './event-publisher.js';
import { encodeJpeg } from './snapshot-jpeg.js';
import { startEventReceiver, type ReceivedEvents } from '../../test/analysis/event-receiver.js';

/** The publisher against a stand-in of the media part's receiving side over real HTTP. */
const KEY = 'event-publisher-tests-internal-key-0123456789';
const { logger } = capturedLogger();
let receiver: ReceivedEvents;

beforeAll(async () => {
  receiver = await startEventReceiver(KEY);
});
afterAll(async () => {
  await receiver.close();
});

function report(n: number): RecognitionEventReport {
  return {
    eventId: randomUUID(),
    cameraId: '6f1c1c56-0a4e-4b38-9d43-3f1f5f0f0f0f',
    streamServerId: 'engine-1',
    objectId: randomUUID(),
    eventAction: 'appeared',
    ts: 1_700_000_000_000 + n,
    frameSize: [32, 16],
    eventType: 'motion_detection',
    eventData: {
      motion: { roi_bbox: [0, 0, 32, 16], roi_name: 'frame', area_fr: 0.5 },
      detection: { bbox: [0, 0, 16, 16] },
      attributes: { obj_class: 0 },
    },
  };
}

const frame = { data: new Uint8Array(32 * 16 * 3).fill(128), width: 32, height: 16 };

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('EventPublisher', () => {
  it('POSTs the signed report, then PUTs its signed JPEG snapshot', async () => {
    const publisher = new EventPublisher({ mediaUrl: receiver.url, internalKey: KEY, logger });
    const sent = report(1);
    publisher.publish(sent, encodeJpeg(frame));
    await publisher.drained();
    expect(receiver.reports.find((r) => r.eventId === sent.eventId)).toEqual(sent);
    const jpeg = receiver.snapshots.get(sent.eventId)!;
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(publisher.counts).toMatchObject({ sent: 1, dropped: 0, rejected: 0 });
    expect(receiver.refused).toEqual([]);
    await publisher.stop();
  });

  it('is refused with another key', async () => {
    const publisher = new EventPublisher({ mediaUrl: receiver.url, internalKey: `${KEY}-other`, logger });
    const refused = receiver.refused.length;
    publisher.publish(report(2), encodeJpeg(frame));
    await publisher.drained();
    expect(receiver.refused.slice(refused)).toEqual(['POST /internal/events: invalid']);
    expect(publisher.counts).toMatchObject({ sent: 0, rejected: 1 });
    await publisher.stop();
  });

  it('retries while the media part is down, keeping only the newest events when the queue is full', async () => {
    const publisher = new EventPublisher({
      mediaUrl: receiver.url,
      internalKey: KEY,
      maxQueue: 3,
      backoff: { initialMs: 50, maxMs: 100 },
      logger,
    });
    receiver.failWith = 503;
    const reports = Array.from({ length: 8 }, (_, i) => report(100 + i));
    publisher.publish(reports[0]!, encodeJpeg(frame));
    await until(() => publisher.counts.retries >= 2, 5000, 'retries');
    for (const r of reports.slice(1)) publisher.publish(r, encodeJpeg(frame));
    expect(publisher.queued).toBe(3);
    expect(publisher.counts.dropped).toBe(5);
    receiver.failWith = undefined;
    await publisher.drained();
    const got = receiver.reports.map((r) => r.eventId);
    // the one being sent when the queue filled is kept, then the newest
    expect(got).toContain(reports[0]!.eventId);
    expect(got).toContain(reports[7]!.eventId);
    expect(got).toContain(reports[6]!.eventId);
    for (const dropped of reports.slice(1, 6)) expect(got).not.toContain(dropped.eventId);
    expect(publisher.counts).toMatchObject({ sent: 3, dropped: 5, rejected: 0 });
    await publisher.stop();
  });

  it('gives up on what is left when stopped while the media part is down', async () => {
    const publisher = new EventPublisher({
      mediaUrl: receiver.url,
      internalKey: KEY,
      backoff: { initialMs: 50 },
      logger,
    });
    receiver.failWith = 500;
    try {
      publisher.publish(report(200), encodeJpeg(frame));
      await until(() => publisher.counts.retries >= 1, 5000, 'a retry');
      await publisher.stop(100);
      expect(publisher.queued).toBe(0);
      publisher.publish(report(201), encodeJpeg(frame));
      expect(publisher.queued).toBe(0);
    } finally {
      receiver.failWith = undefined;
    }
  });
});
