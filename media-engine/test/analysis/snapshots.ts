import sharp from 'sharp';
import { expect } from 'vitest';
import type { RecognitionEventReport } from '../../src/client/recognition-events.js';
import { until } from '../../../test/support/waiting.js';
import type { ReceivedEvents } from './event-receiver.js';

/** Waits until `receiver` has the snapshot of each report, then expects each to be a JPEG of the report's frame size. */
export async function expectJpegSnapshots(receiver: ReceivedEvents, reports: RecognitionEventReport[]): Promise<void> {
  await until(() => reports.every((r) => receiver.snapshots.has(r.eventId)), 10_000, 'snapshots');
  for (const report of reports) {
    const jpeg = receiver.snapshots.get(report.eventId)!;
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const meta = await sharp(jpeg).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([...report.frameSize]);
  }
}
