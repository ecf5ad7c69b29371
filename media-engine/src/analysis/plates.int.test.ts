import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledCamera } from '../cluster/scheduled-camera.js';
import type { RecognitionEventReport } from '../client/recognition-events.js';
import { sharedFramePlateReader } from '../plates/plate-reader.js';
import { capturedLogger } from '../rtsp-test-server/captured-logger.js';
import { startRtspTestServer, type RtspTestServer } from '../rtsp-test-server/rtsp-test-server.js';
import { parseAnalyticsSettings } from './analytics-settings.js';
import type { CameraAnalyserStatus } from './camera-analyser.js';
import type { EngineAnalysis } from './engine-analysis.js';
import { analysisReportingTo, playOnce } from '../../test/analysis/analysis-engine.js';
import { startEventReceiver, type ReceivedEvents } from '../../test/analysis/event-receiver.js';
import { expectJpegSnapshots } from '../../test/analysis/snapshots.js';
import {
  movingBoxVideo,
  movingPlateVideo,
  PLATE_NUMBERS,
  plateScenesVideo,
} from '../../test/analysis/synthetic-videos.js';

/**
 * Plate reading of real video: clips made from the plate fixtures at test time, served by
 * GStreamer's RTSP server (each client gets the file from its start), decoded by ffmpeg, read by
 * the PaddleOCR models, events sent to a stand-in of the media part that checks every signature.
 * The cameras run in one engine analysis.
 */
const INTERNAL_KEY = 'media-engine-plate-tests-internal-key-0123456789';
const { logger } = capturedLogger();
/** the scenes clip: each fixture scene 3 s, after 2.5 s of plain background */
const SCENE_SHOW_S = 3;
const SCENE_GAP_S = 2.5;

type PlateReport = Extract<RecognitionEventReport, { eventType: 'plate_recognition' }>;

let root: string;
let receiver: ReceivedEvents;
let engine: EngineAnalysis;
const servers: RtspTestServer[] = [];
const cameras: Record<'moving' | 'scenes' | 'none', ScheduledCamera> = {} as never;
/** each camera's analyser status when its clip ended */
const finalStatus = new Map<string, CameraAnalyserStatus>();

function camera(url: string): ScheduledCamera {
  return {
    id: randomUUID(),
    source: { url, transport: 'tcp' },
    schedulerGroup: null,
    schedulerTags: [],
    recording: false,
    analytics: parseAnalyticsSettings({ fps: 2, plate: { enabled: true, min_confidence: 0.5, min_size_px: 60 } }),
  };
}

const platesOf = (cameraId: string): PlateReport[] =>
  receiver.reports.filter((r): r is PlateReport => r.cameraId === cameraId && r.eventType === 'plate_recognition');

/** event lists per object_id, in the order the objects first reported */
function byObject(events: PlateReport[]): PlateReport[][] {
  const objects = new Map<string, PlateReport[]>();
  for (const e of events) objects.set(e.objectId, [...(objects.get(e.objectId) ?? []), e]);
  return [...objects.values()];
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'argus-plates-'));
  receiver = await startEventReceiver(INTERNAL_KEY);
  const [moving, scenes, none] = await Promise.all([
    movingPlateVideo(path.join(root, 'moving.mp4'), {
      number: 'AB123CD',
      seconds: 13,
      appearances: [
        [1, 5],
        [8, 12],
      ],
    }),
    plateScenesVideo(path.join(root, 'scenes.mp4'), { numbers: PLATE_NUMBERS, show: SCENE_SHOW_S, gap: SCENE_GAP_S }),
    movingBoxVideo(path.join(root, 'none.mp4'), { seconds: 10, from: 2, to: 5 }),
    // the models load once per engine; loaded here, the clips' first seconds are read too
    sharedFramePlateReader(),
  ]);
  for (const [name, file] of [
    ['moving', moving],
    ['scenes', scenes],
    ['none', none],
  ] as const) {
    const server = await startRtspTestServer({ file });
    servers.push(server);
    cameras[name] = camera(server.url);
  }
  engine = analysisReportingTo(receiver, { streamServerId: 'engine-plates', internalKey: INTERNAL_KEY, logger });
  // each clip plays once: its decoder exits at its end, before the file could play again
  const play = async (c: ScheduledCamera) => {
    const analyser = await playOnce(engine, c);
    await analyser.plateStage?.idle();
    finalStatus.set(c.id, analyser.status);
    await engine.ingest.stop(c.id);
  };
  // the scenes alone first: the decoders take wall-clock timestamps, so a decoder starved of CPU
  // (three starting at once on a busy machine) squeezes seconds of video into a frame or two
  await play(cameras.scenes);
  await Promise.all([play(cameras.moving), play(cameras.none)]);
  await engine.publisher.drained();
}, 180_000);

afterAll(async () => {
  await engine?.stop();
  await Promise.all(servers.map((s) => s.stop()));
  await receiver?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('plates on a live camera', () => {
  it('reports a plate driving past twice as two objects, one event each, with its normalised number', async () => {
    const events = platesOf(cameras.moving.id);
    const objects = byObject(events);
    expect(objects.map((o) => o.map((e) => [e.eventAction, e.eventData.plate_number.data]))).toEqual([
      [['appeared', 'AB123CD']],
      [['appeared', 'AB123CD']],
    ]);
    // the passes start 7 s apart in the clip
    expect(objects[1]![0]!.ts - objects[0]![0]!.ts).toBeGreaterThan(5000);
    for (const e of events) {
      expect(e.frameSize).toEqual([640, 360]);
      expect(e.streamServerId).toBe('engine-plates');
      const [x1, y1, x2, y2] = e.eventData.detection.bbox;
      // the plate is 150 × 37 px at y = 210 in the analysed frame; its text line is inside
      expect(y1).toBeGreaterThanOrEqual(205);
      expect(y2).toBeLessThanOrEqual(250);
      expect(x2 - x1).toBeGreaterThan(90);
      expect(x2 - x1).toBeLessThan(170);
    }
    await expectJpegSnapshots(receiver, events);
    expect(receiver.refused).toEqual([]);
  });

  it('reads each of the five fixture scenes as its own plate, once', async () => {
    const objects = byObject(platesOf(cameras.scenes.id));
    expect(objects.map((o) => o.map((e) => [e.eventAction, e.eventData.plate_number.data]))).toEqual(
      PLATE_NUMBERS.map((number) => [['appeared', number]]),
    );
    const firstSeen = objects.map((o) => o[0]!.ts);
    for (let i = 1; i < firstSeen.length; i++)
      expect(firstSeen[i]! - firstSeen[i - 1]!).toBeGreaterThan((SCENE_SHOW_S + SCENE_GAP_S) * 1000 * 0.6);
    await expectJpegSnapshots(receiver, objects.flat());
  });

  it('reports no plate from a scene without one, though its frames were read', () => {
    expect(platesOf(cameras.none.id)).toEqual([]);
    expect(receiver.reports.filter((r) => r.cameraId === cameras.none.id)).toEqual([]);
    // a 10 s clip at 2 fps, read until its end (where the decoder exits)
    expect(finalStatus.get(cameras.none.id)).toMatchObject({ reason: 'exited' });
    expect(finalStatus.get(cameras.none.id)!.plateFramesAnalysed).toBeGreaterThanOrEqual(12);
  });

  it('read the frames of every camera, bounded (dropped frames counted, never queued)', () => {
    for (const c of Object.values(cameras)) {
      const status = finalStatus.get(c.id)!;
      expect(status.plateFramesAnalysed + status.plateFramesDropped).toBeLessThanOrEqual(status.frames);
      expect(status.plateFramesAnalysed).toBeGreaterThan(0);
      expect(status.faceFramesAnalysed).toBe(0);
    }
  });
});
