import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '@argus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/database.js';
import { until } from '../../../test/support/waiting.js';
import { buildApp, mediaEngineConfig, type MediaEngineApp } from '../app.js';
import { StaticCameraDirectory, type ScheduledCamera } from '../cluster/scheduled-camera.js';
import { CROSSING_DIRECTIONS } from '../client/recognition-events.js';
import { analyzeFaces, releaseSharedFaceAnalyzer } from '../face/shared-face-analyzer.js';
import { similarity } from '../face/descriptor-codec.js';
import { capturedLogger } from '../rtsp-test-server/captured-logger.js';
import { startRtspTestServer, type RtspTestServer } from '../rtsp-test-server/rtsp-test-server.js';
import { parseAnalyticsSettings } from './analytics-settings.js';
import { FrameSource, type FrameSourceOptions, type FrameSourceRestart } from './frame-source.js';
import { analysisReportingTo, playOnce } from '../../test/analysis/analysis-engine.js';
import { startEventReceiver, type ReceivedEvents } from '../../test/analysis/event-receiver.js';
import { expectJpegSnapshots } from '../../test/analysis/snapshots.js';
import { FACE_FIXTURES, faceVideo, movingBoxVideo, movingFaceVideo } from '../../test/analysis/synthetic-videos.js';

/**
 * Analysis of real video: clips made from the fixtures at test time, served by GStreamer's RTSP
 * server (each client gets the file from its start), decoded by ffmpeg, events sent to a stand-in
 * of the media part that checks every signature.
 */
const INTERNAL_KEY = 'media-engine-analysis-tests-internal-key-0123456789';
const KEYS = {
  ARGUS_TOKEN_SIGNING_KEY: 'media-engine-analysis-tests-signing-key-012345',
  ARGUS_INTERNAL_KEY: INTERNAL_KEY,
};
const { logger } = capturedLogger();

let root: string;
let receiver: ReceivedEvents;
const servers: RtspTestServer[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'argus-analysis-'));
  receiver = await startEventReceiver(INTERNAL_KEY);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await receiver?.close();
  await releaseSharedFaceAnalyzer();
  await rm(root, { recursive: true, force: true });
});

async function serve(file: string): Promise<RtspTestServer> {
  const server = await startRtspTestServer({ file });
  servers.push(server);
  return server;
}

const eventsOf = (cameraId: string) => receiver.reports.filter((r) => r.cameraId === cameraId);

describe('motion and line crossing in a running engine', () => {
  let database: Database;
  let app: MediaEngineApp | undefined;

  beforeAll(async () => {
    database = await openTestDatabase();
  });

  afterAll(async () => {
    await app?.stop();
    await database?.close();
  });

  it('reports one motion episode in the region the box crosses, none elsewhere, and its crossing on the left_to_right line only', async () => {
    const video = await movingBoxVideo(path.join(root, 'box.mp4'), { seconds: 16, from: 2, to: 5 });
    const server = await serve(video);
    const cameraId = randomUUID();
    // both lines run up the middle of the frame (start at the bottom): the box moving to the
    // right goes from their left side to their right side
    const analytics = parseAnalyticsSettings({
      fps: 2,
      motion: {
        enabled: true,
        regions: [
          {
            name: 'path',
            polygon: [
              { x: 0, y: 0.3 },
              { x: 1, y: 0.3 },
              { x: 1, y: 0.7 },
              { x: 0, y: 0.7 },
            ],
          },
          {
            name: 'elsewhere',
            polygon: [
              { x: 0, y: 0.8 },
              { x: 1, y: 0.8 },
              { x: 1, y: 1 },
              { x: 0, y: 1 },
            ],
          },
        ],
      },
      line_crossing: {
        enabled: true,
        lines: [
          { name: 'entry', start: { x: 0.5, y: 0.95 }, end: { x: 0.5, y: 0.05 }, direction: 'left_to_right' },
          { name: 'exit', start: { x: 0.5, y: 0.95 }, end: { x: 0.5, y: 0.05 }, direction: 'right_to_left' },
        ],
      },
    });
    app = buildApp(
      mediaEngineConfig({
        ...KEYS,
        ARGUS_DATA_DIR: root,
        RECORDINGS_DIR: path.join(root, 'recordings'),
        STREAMSERVER_ID: 'engine-analysis-1',
        STREAMSERVER_HEARTBEAT_MS: '500',
        STREAMSERVER_TTL_MS: '4000',
        MEDIA_URL: receiver.url,
      }),
      {
        database,
        logger,
        cameras: new StaticCameraDirectory([
          {
            id: cameraId,
            source: { url: server.url, transport: 'tcp' },
            schedulerGroup: null,
            schedulerTags: [],
            recording: false,
            analytics,
          },
        ]),
      },
    );
    const { url } = await app.start();

    await until(
      async () => {
        const status = (await (await fetch(`${url}/status`)).json()) as {
          cameras: { camera_id: string; analytics: { state: string; frames: number } | null }[];
        };
        const analysed = status.cameras.find((c) => c.camera_id === cameraId)?.analytics;
        return analysed?.state === 'running' && analysed.frames > 0;
      },
      20_000,
      'analysis running in /status',
    );
    await until(
      () => eventsOf(cameraId).some((e) => e.eventType === 'motion_detection' && e.eventAction === 'ended'),
      25_000,
      'the end of the motion episode',
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const events = eventsOf(cameraId);

    const motion = events.filter((e) => e.eventType === 'motion_detection');
    expect(motion.map((e) => [e.eventData.motion.roi_name, e.eventAction])).toEqual([
      ['path', 'appeared'],
      ['path', 'ended'],
    ]);
    expect(new Set(motion.map((e) => e.objectId)).size).toBe(1);
    for (const e of motion) {
      expect(e.frameSize).toEqual([640, 360]);
      expect(e.eventData.motion.roi_bbox).toEqual([0, 108, 640, 252]);
      expect(e.eventData.motion.area_fr).toBeGreaterThan(0.01);
      expect(e.eventData.motion.area_fr).toBeLessThan(0.3);
      const [, y1, , y2] = e.eventData.detection.bbox;
      expect(y1).toBeGreaterThanOrEqual(130);
      expect(y2).toBeLessThanOrEqual(232);
      expect(e.eventData.attributes?.obj_class).toBe(0);
      expect(e.streamServerId).toBe('engine-analysis-1');
    }

    const crossings = events.filter((e) => e.eventType === 'line_crossing');
    expect(crossings).toHaveLength(1);
    const crossing = crossings[0]!;
    if (crossing.eventType !== 'line_crossing') throw new Error('not a crossing');
    expect(crossing.eventAction).toBe('appeared');
    expect(crossing.eventData.line_crossing).toEqual({
      line_name: 'entry',
      direction: CROSSING_DIRECTIONS.left_to_right,
      line_coords: [320, 342, 320, 18],
    });
    expect(crossing.objectId).not.toBe(motion[0]!.objectId);

    await expectJpegSnapshots(receiver, events);
    expect(receiver.refused).toEqual([]);
    await app.stop();
    app = undefined;
  });
});

describe('faces', () => {
  it('reports each appearance of a face as one object with a descriptor of that person', async () => {
    const photo = '230501201_1.jpg';
    const video = await faceVideo(path.join(root, 'face.mp4'), {
      photo,
      seconds: 10,
      appearances: [
        [1, 4],
        [6.5, 9.5],
      ],
    });
    const server = await serve(video);
    const reference = await analyzeFaces(await readFile(new URL(photo, FACE_FIXTURES)));
    if (reference.status !== 'success') throw new Error(`the fixture has no face: ${reference.reason}`);
    const referenceDescriptor = reference.value.faces[0]!.descriptor!;

    const engine = analysisReportingTo(receiver, { streamServerId: 'engine-faces', internalKey: INTERNAL_KEY, logger });
    const camera: ScheduledCamera = {
      id: randomUUID(),
      source: { url: server.url, transport: 'tcp' },
      schedulerGroup: null,
      schedulerTags: [],
      recording: false,
      analytics: parseAnalyticsSettings({ fps: 2, face: { enabled: true, min_confidence: 0.7, min_size_px: 40 } }),
    };
    try {
      // the clip ends after 10 s: its decoder exits then, before the file could play again
      await playOnce(engine, camera);
      await engine.ingest.stop(camera.id);
      await engine.publisher.drained();

      const faces = eventsOf(camera.id);
      expect(faces.length).toBeGreaterThanOrEqual(2);
      const objects = [...new Set(faces.map((e) => e.objectId))];
      expect(objects).toHaveLength(2);
      for (const objectId of objects) {
        const ofObject = faces.filter((e) => e.objectId === objectId);
        expect(ofObject[0]!.eventAction).toBe('appeared');
        expect(ofObject.filter((e) => e.eventAction === 'appeared')).toHaveLength(1);
      }
      const firstSeen = faces.filter((e) => e.eventAction === 'appeared').map((e) => e.ts);
      expect(firstSeen[1]! - firstSeen[0]!).toBeGreaterThan(3500);
      for (const event of faces) {
        if (event.eventType !== 'face_recognition') throw new Error(`unexpected ${event.eventType}`);
        expect(event.eventData.descriptor.norm).toBeGreaterThan(0);
        expect(Buffer.from(event.eventData.descriptor.data, 'base64')).toHaveLength(512 * 4);
        expect(similarity(event.eventData.descriptor.data, referenceDescriptor)).toBeGreaterThan(0.6);
        const [x1, y1, x2, y2] = event.eventData.detection.bbox;
        // the photo is centred in the 640×360 frame
        expect(x1).toBeGreaterThan(200);
        expect(x2).toBeLessThan(440);
        expect(y1).toBeGreaterThan(60);
        expect(y2 - y1).toBeGreaterThanOrEqual(40);
      }
      await expectJpegSnapshots(receiver, faces);
      expect(receiver.refused).toEqual([]);
    } finally {
      await engine.stop();
    }
  });
});

describe('a face crossing a line', () => {
  it("crosses as a person with its face track's object, once even where its moving blob crosses too", async () => {
    const video = await movingFaceVideo(path.join(root, 'walking-face.mp4'), {
      photo: '230501201_1.jpg',
      seconds: 10,
      from: 1,
      to: 8,
    });
    const server = await serve(video);
    const engine = analysisReportingTo(receiver, {
      streamServerId: 'engine-face-line',
      internalKey: INTERNAL_KEY,
      logger,
    });
    // a line up the middle of the frame (start at the bottom): walking right crosses it left to right
    const settings = (minArea: number) =>
      parseAnalyticsSettings({
        fps: 2,
        face: { enabled: true, min_confidence: 0.7, min_size_px: 40 },
        motion: { enabled: false, min_area: minArea },
        line_crossing: {
          enabled: true,
          lines: [{ name: 'middle', start: { x: 0.5, y: 0.95 }, end: { x: 0.5, y: 0.05 }, direction: 'left_to_right' }],
        },
      });
    const cameraOf = (minArea: number): ScheduledCamera => ({
      id: randomUUID(),
      source: { url: server.url, transport: 'tcp' },
      schedulerGroup: null,
      schedulerTags: [],
      recording: false,
      analytics: settings(minArea),
    });
    // faceOnly: moving blobs must cover half the frame, so only the face track can cross;
    // both: the face's blob crosses as well
    const [faceOnly, both] = [cameraOf(0.5), cameraOf(0.01)];
    try {
      await Promise.all([playOnce(engine, faceOnly), playOnce(engine, both)]);
      await Promise.all([engine.ingest.stop(faceOnly.id), engine.ingest.stop(both.id)]);
      await engine.publisher.drained();

      const crossingsOf = (camera: ScheduledCamera) =>
        eventsOf(camera.id).filter((e) => e.eventType === 'line_crossing');
      const faceIds = new Set(
        eventsOf(faceOnly.id)
          .filter((e) => e.eventType === 'face_recognition')
          .map((e) => e.objectId),
      );
      const [crossing, ...more] = crossingsOf(faceOnly);
      expect(more).toEqual([]);
      if (crossing?.eventType !== 'line_crossing') throw new Error('no crossing of the face track');
      expect(crossing.eventData.line_crossing).toMatchObject({
        line_name: 'middle',
        direction: CROSSING_DIRECTIONS.left_to_right,
      });
      expect(crossing.eventData.attributes?.obj_class).toBe(1);
      expect(faceIds.has(crossing.objectId)).toBe(true);
      expect(crossingsOf(both)).toHaveLength(1);
      await expectJpegSnapshots(receiver, [crossing]);
      expect(receiver.refused).toEqual([]);
    } finally {
      await engine.stop();
    }
  });
});

/** A frame source at `fps` on a 320×240 test pattern served at 10 fps (a key frame a second). */
async function testPatternSource(
  fps: number,
  options: Partial<Pick<FrameSourceOptions, 'stallTimeoutMs' | 'backoff'>> = {},
): Promise<FrameSource> {
  const server = await startRtspTestServer({ width: 320, height: 240, fps: 10, keyint: 10 });
  servers.push(server);
  return new FrameSource({
    camera: { id: randomUUID(), source: { url: server.url, transport: 'tcp' } },
    ffmpeg: { fps, maxWidth: 640 },
    logger,
    stopGraceMs: 500,
    ...options,
  });
}

describe('supervision', () => {
  it('restarts a killed decoder and a stalled one, saying why', async () => {
    const source = await testPatternSource(4, { stallTimeoutMs: 1500, backoff: { initialMs: 200, maxMs: 500 } });
    const restarts: FrameSourceRestart[] = [];
    source.on('restart', (r) => restarts.push(r));
    const sizes = new Set<string>();
    source.on('frame', (f) => sizes.add(`${f.width}x${f.height}`));
    source.start();
    try {
      await until(() => source.frames > 0 && source.status.state === 'running', 20_000, 'first frames');
      expect([...sizes]).toEqual(['320x240']);
      const first = source.pid!;
      process.kill(first, 'SIGKILL');
      await until(() => restarts.length === 1, 5000, 'a restart after the kill');
      expect(restarts[0]).toMatchObject({ reason: 'exited', detail: 'ffmpeg killed by SIGKILL' });
      const before = source.frames;
      await until(() => source.frames > before && source.status.state === 'running', 20_000, 'frames again');
      expect(source.pid).not.toBe(first);

      process.kill(source.pid!, 'SIGSTOP');
      await until(() => restarts.length === 2, 10_000, 'a restart of the stalled decoder');
      expect(restarts[1]!.reason).toBe('stalled');
      expect(restarts[1]!.detail).toMatch(/no new frame for/);
      const after = source.frames;
      await until(() => source.frames > after, 20_000, 'frames after the stall');
      expect(source.restarts).toBe(2);
    } finally {
      await source.stop();
    }
    expect(source.pid).toBeUndefined();
  });
});

describe('capture times', () => {
  it('dates each frame when it arrived, also one the engine reads late because it was busy', async () => {
    const source = await testPatternSource(2);
    const frames: { ts: number; readAt: number }[] = [];
    source.on('frame', (f) => frames.push({ ts: f.ts, readAt: Date.now() }));
    source.start();
    try {
      await until(() => frames.length >= 6, 20_000, 'frames');
      // the engine's thread is busy for 1.5 s: ffmpeg's frames wait in the pipe meanwhile
      const busyFrom = Date.now();
      while (Date.now() - busyFrom < 1500);
      const busyTo = Date.now();
      const before = frames.length;
      await until(() => frames.length >= before + 4, 20_000, 'frames after the busy spell');
      for (const [i, f] of frames.entries()) {
        expect(f.ts).toBeLessThanOrEqual(f.readAt);
        if (i > 0) expect(f.ts).toBeGreaterThanOrEqual(frames[i - 1]!.ts);
      }
      // the frame read first after the spell arrived during it, and is dated so
      const late = frames[before]!;
      expect(late.readAt).toBeGreaterThanOrEqual(busyTo);
      expect(late.ts).toBeLessThan(busyTo - 300);
      // past the start-up burst, frames are dated 1/fps apart, those read late after the spell too
      const gaps = frames.slice(3).map((f, i) => f.ts - frames[i + 2]!.ts);
      for (const gap of gaps) expect(Math.abs(gap - 500)).toBeLessThan(200);
    } finally {
      await source.stop();
    }
  });
});
