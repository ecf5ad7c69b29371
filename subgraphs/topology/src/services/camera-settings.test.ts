import { describe, expect, it } from 'vitest';
import { InputValidationError } from '@argus/core';
import {
  DEFAULTS,
  parseCameraSource,
  parseToggle,
  parseVideoAnalytics,
  parseVideoStorage,
  publicSource,
} from './camera-settings.js';

function refusal(work: () => unknown): InputValidationError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(InputValidationError);
    return error as InputValidationError;
  }
  throw new Error('expected an InputValidationError');
}

const square = [
  { x: 0.1, y: 0.1 },
  { x: 0.9, y: 0.1 },
  { x: 0.9, y: 0.9 },
  { x: 0.1, y: 0.9 },
];

describe('camera source', () => {
  it('keeps an RTSP URL and defaults the transport to TCP', () => {
    expect(parseCameraSource({ url: ' rtsp://10.0.0.5:554/stream1?channel=2 ' })).toEqual({
      url: 'rtsp://10.0.0.5:554/stream1?channel=2',
      username: null,
      transport: 'tcp',
    });
  });

  it('moves credentials out of the URL, decoded', () => {
    expect(parseCameraSource({ url: 'rtsps://admin:p%40ss%3Aword@cam.local/live', transport: 'udp' })).toEqual({
      url: 'rtsps://cam.local/live',
      username: 'admin',
      password: 'p@ss:word',
      transport: 'udp',
    });
  });

  it('keeps the stored password when the input is silent, removes it on null or ""', () => {
    expect(parseCameraSource({ url: 'rtsp://cam/1', username: 'u' }, 'stored').password).toBe('stored');
    expect(parseCameraSource({ url: 'rtsp://cam/1', username: 'u', password: null }, 'stored')).not.toHaveProperty(
      'password',
    );
    expect(parseCameraSource({ url: 'rtsp://cam/1', username: 'u', password: '' }, 'stored')).not.toHaveProperty(
      'password',
    );
    expect(parseCameraSource({ url: 'rtsp://cam/1', password: 'new' }, 'stored').password).toBe('new');
  });

  it('refuses other schemes, bad URLs and credentials given twice, naming the field', () => {
    expect(refusal(() => parseCameraSource({ url: 'http://cam/video.mjpg' })).field).toEqual([
      'input',
      'source',
      'url',
    ]);
    expect(refusal(() => parseCameraSource({ url: 'not a url' })).field).toEqual(['input', 'source', 'url']);
    expect(refusal(() => parseCameraSource({ url: '' })).field).toEqual(['input', 'source', 'url']);
    expect(refusal(() => parseCameraSource({ url: 'rtsp://a:b@cam/1', username: 'c' })).field).toEqual([
      'input',
      'source',
      'url',
    ]);
    expect(refusal(() => parseCameraSource({ url: 'rtsp://cam/1', password: 'x'.repeat(256) })).field).toEqual([
      'input',
      'source',
      'password',
    ]);
    expect(refusal(() => parseCameraSource({ url: 'rtsp://cam/1', transport: 'http' as never })).field).toEqual([
      'input',
      'source',
      'transport',
    ]);
  });

  it('shows no password, only whether one is stored', () => {
    const shown = publicSource(parseCameraSource({ url: 'rtsp://u:secret@cam/1' }), true);
    expect(shown).toEqual({ url: 'rtsp://cam/1', username: 'u', hasPassword: true, transport: 'tcp' });
    expect(JSON.stringify(shown)).not.toContain('secret');
  });
});

describe('video analytics', () => {
  it('is null when not given, and completes a partial input with defaults', () => {
    expect(parseVideoAnalytics(null)).toBeNull();
    const analytics = parseVideoAnalytics({ face: { enabled: true } })!;
    expect(analytics).toEqual({
      fps: DEFAULTS.fps,
      face: { enabled: true, ...DEFAULTS.face },
      plate: { enabled: false, ...DEFAULTS.plate },
      motion: { enabled: false, ...DEFAULTS.motion, regions: [] },
      lineCrossing: { enabled: false, lines: [] },
    });
  });

  it('keeps named regions and lines', () => {
    const analytics = parseVideoAnalytics({
      motion: { enabled: true, sensitivity: 0.8, regions: [{ name: 'Gate', polygon: square }] },
      lineCrossing: {
        enabled: true,
        lines: [{ name: 'Door', start: { x: 0, y: 0.5 }, end: { x: 1, y: 0.5 }, direction: 'left_to_right' }],
      },
    })!;
    expect(analytics.motion.regions).toEqual([{ name: 'Gate', polygon: square }]);
    expect(analytics.lineCrossing.lines[0]).toEqual({
      name: 'Door',
      start: { x: 0, y: 0.5 },
      end: { x: 1, y: 0.5 },
      direction: 'left_to_right',
    });
  });

  it('refuses values out of range, naming the field', () => {
    const base = ['input', 'videoAnalytics'];
    expect(refusal(() => parseVideoAnalytics({ fps: 0 })).field).toEqual([...base, 'fps']);
    expect(refusal(() => parseVideoAnalytics({ face: { enabled: true, minConfidence: 1.5 } })).field).toEqual([
      ...base,
      'face',
      'minConfidence',
    ]);
    expect(refusal(() => parseVideoAnalytics({ plate: { enabled: true, minSizePx: 12.5 } })).field).toEqual([
      ...base,
      'plate',
      'minSizePx',
    ]);
    expect(refusal(() => parseVideoAnalytics({ motion: { enabled: true, minArea: -0.1 } })).field).toEqual([
      ...base,
      'motion',
      'minArea',
    ]);
  });

  it('refuses bad regions: too few points, a point off the frame, a name used twice, too many', () => {
    const regions = ['input', 'videoAnalytics', 'motion', 'regions'];
    const twoPoints = refusal(() =>
      parseVideoAnalytics({ motion: { enabled: true, regions: [{ name: 'a', polygon: square.slice(0, 2) }] } }),
    );
    expect(twoPoints.field).toEqual([...regions, '0', 'polygon']);
    expect(twoPoints).toMatchObject({ kind: 'too_few_items', bounds: { limit: 3 } });
    const offFrame = [square[0]!, { x: 1.2, y: 0.1 }, square[2]!];
    expect(
      refusal(() => parseVideoAnalytics({ motion: { enabled: true, regions: [{ name: 'a', polygon: offFrame }] } }))
        .field,
    ).toEqual([...regions, '0', 'polygon', '1', 'x']);
    expect(
      refusal(() =>
        parseVideoAnalytics({
          motion: {
            enabled: true,
            regions: [
              { name: 'Gate', polygon: square },
              { name: 'gate', polygon: square },
            ],
          },
        }),
      ).field,
    ).toEqual([...regions, '1', 'name']);
    const many = Array.from({ length: 17 }, (_, i) => ({ name: `r${i}`, polygon: square }));
    expect(refusal(() => parseVideoAnalytics({ motion: { enabled: true, regions: many } }))).toMatchObject({
      kind: 'too_many_items',
      bounds: { limit: 16 },
    });
  });

  it('refuses line crossing without lines, and a line of one point', () => {
    const lines = ['input', 'videoAnalytics', 'lineCrossing', 'lines'];
    expect(refusal(() => parseVideoAnalytics({ lineCrossing: { enabled: true } })).field).toEqual(lines);
    expect(parseVideoAnalytics({ lineCrossing: { enabled: false } })!.lineCrossing).toEqual({
      enabled: false,
      lines: [],
    });
    const point = { x: 0.5, y: 0.5 };
    expect(
      refusal(() =>
        parseVideoAnalytics({ lineCrossing: { enabled: true, lines: [{ name: 'l', start: point, end: point }] } }),
      ).field,
    ).toEqual([...lines, '0', 'end']);
  });
});

describe('storage, streaming and PTZ', () => {
  it('defaults the retention and refuses one out of range', () => {
    expect(parseVideoStorage({ enabled: true })).toEqual({ enabled: true, retentionDays: DEFAULTS.retentionDays });
    expect(parseVideoStorage(undefined)).toBeNull();
    expect(refusal(() => parseVideoStorage({ enabled: true, retentionDays: 0 })).field).toEqual([
      'input',
      'videoStorage',
      'retentionDays',
    ]);
    expect(parseToggle({ enabled: true })).toEqual({ enabled: true });
    expect(parseToggle(null)).toBeNull();
  });
});
