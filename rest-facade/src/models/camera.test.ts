import { describe, expect, it } from 'vitest';
import { toCameraInput, toRestCamera, type GraphqlCamera } from './camera.js';

const point = (x: number, y: number) => ({ x, y });

const GRAPHQL_CAMERA: GraphqlCamera = {
  id: '3f1c2c8e-4b7a-4a53-9d1e-0c2b7e0f6a11',
  name: 'Gate',
  placeId: 4,
  planId: 9,
  source: { url: 'rtsp://10.1.2.3:554/stream1', username: 'admin', transport: 'UDP', hasPassword: true },
  videoAnalytics: {
    fps: 5,
    face: { enabled: true, minConfidence: 0.7, minSizePx: 40 },
    plate: { enabled: false, minConfidence: 0.5, minSizePx: 60 },
    motion: {
      enabled: true,
      sensitivity: 0.5,
      minArea: 0.01,
      regions: [{ name: 'Gate', polygon: [point(0.1, 0.1), point(0.9, 0.1), point(0.9, 0.9)] }],
    },
    lineCrossing: {
      enabled: true,
      lines: [{ name: 'Door', start: point(0, 0.5), end: point(1, 0.5), direction: 'LEFT_TO_RIGHT' }],
    },
  },
  videoStorage: { enabled: true, retentionDays: 30 },
  videoStreaming: { enabled: true },
  ptz: null,
  onvifHost: '10.1.2.3',
  onvifPort: 8080,
  onvifLogin: 'onvif',
  schedulerGroup: 'east',
  schedulerTags: ['gpu'],
  snapshotId: null,
  snapshotUrl: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

describe('toRestCamera', () => {
  it('maps the REST Camera model with snake_case settings and lower-case enum values, no password', () => {
    const camera = toRestCamera(GRAPHQL_CAMERA);
    expect(camera).toEqual({
      name: 'Gate',
      source: { url: 'rtsp://10.1.2.3:554/stream1', username: 'admin', transport: 'udp', has_password: true },
      video_analytics: {
        fps: 5,
        face: { enabled: true, min_confidence: 0.7, min_size_px: 40 },
        plate: { enabled: false, min_confidence: 0.5, min_size_px: 60 },
        motion: {
          enabled: true,
          sensitivity: 0.5,
          min_area: 0.01,
          regions: [{ name: 'Gate', polygon: [point(0.1, 0.1), point(0.9, 0.1), point(0.9, 0.9)] }],
        },
        line_crossing: {
          enabled: true,
          lines: [{ name: 'Door', start: point(0, 0.5), end: point(1, 0.5), direction: 'left_to_right' }],
        },
      },
      video_storage: { enabled: true, retention_days: 30 },
      video_streaming: { enabled: true },
      ptz: null,
      place_id: 4,
      onvif_host: '10.1.2.3',
      onvif_port: 8080,
      onvif_login: 'onvif',
      scheduler_group: 'east',
      scheduler_tags: ['gpu'],
      id: GRAPHQL_CAMERA.id,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-01-01T00:00:00.000Z',
      snapshot_id: null,
      snapshot_url: null,
      origin: null,
      plan_id: 9,
    });
    expect(camera).not.toHaveProperty('onvif_password');
    expect(camera.source).not.toHaveProperty('password');
  });

  it('adds the origin when the place (and plan) were selected', () => {
    const place = { id: 4, name: 'Depot', description: null, latitude: 52.5, longitude: 13.4 };
    expect(toRestCamera({ ...GRAPHQL_CAMERA, place, plan: { id: 9, name: 'Ground floor' } }).origin).toEqual({
      plan_id: 9,
      plan_name: 'Ground floor',
      place_id: 4,
      place_name: 'Depot',
      place_description: null,
      place_latitude: 52.5,
      place_longitude: 13.4,
    });
    expect(toRestCamera({ ...GRAPHQL_CAMERA, planId: null, place, plan: null }).origin).toMatchObject({
      plan_id: null,
      plan_name: null,
      place_id: 4,
    });
  });

  it('keeps unconfigured settings as null', () => {
    const camera = toRestCamera({
      ...GRAPHQL_CAMERA,
      videoAnalytics: null,
      videoStorage: null,
      videoStreaming: null,
      schedulerTags: null,
    });
    expect(camera).toMatchObject({
      video_analytics: null,
      video_storage: null,
      video_streaming: null,
      scheduler_tags: null,
    });
  });
});

describe('toCameraInput', () => {
  it('builds CameraInput: camelCase, upper-case enum values, only documented properties', () => {
    expect(
      toCameraInput({
        name: 'Gate',
        place_id: 4,
        source: { url: 'rtsp://h/1', username: 'u', password: 'p', transport: 'udp', extra: 1 },
        video_analytics: {
          fps: 5,
          face: { enabled: true, min_confidence: 0.7 },
          motion: {
            enabled: true,
            regions: [{ name: 'R', polygon: [point(0, 0), point(1, 0), { x: 1, y: 1, z: 3 }] }],
          },
          line_crossing: {
            enabled: true,
            lines: [{ name: 'L', start: point(0, 0), end: point(1, 1), direction: 'right_to_left' }],
          },
          unknown_detector: { enabled: true },
        },
        video_storage: { enabled: true, retention_days: 3 },
        video_streaming: { enabled: false },
        ptz: null,
        onvif_port: 80,
        onvif_password: 'secret',
        scheduler_tags: ['a'],
      }),
    ).toEqual({
      name: 'Gate',
      placeId: 4,
      source: { url: 'rtsp://h/1', username: 'u', password: 'p', transport: 'UDP' },
      videoAnalytics: {
        fps: 5,
        face: { enabled: true, minConfidence: 0.7, minSizePx: null },
        plate: null,
        motion: {
          enabled: true,
          sensitivity: null,
          minArea: null,
          regions: [{ name: 'R', polygon: [point(0, 0), point(1, 0), point(1, 1)] }],
        },
        lineCrossing: {
          enabled: true,
          lines: [{ name: 'L', start: point(0, 0), end: point(1, 1), direction: 'RIGHT_TO_LEFT' }],
        },
      },
      videoStorage: { enabled: true, retentionDays: 3 },
      videoStreaming: { enabled: false },
      ptz: null,
      onvifHost: null,
      onvifPort: 80,
      onvifLogin: null,
      onvifPassword: 'secret',
      schedulerGroup: null,
      schedulerTags: ['a'],
    });
  });

  it('leaves passwords, transport and direction out when the body does (stored passwords are kept, defaults apply)', () => {
    const input = toCameraInput({
      name: 'C',
      place_id: 1,
      source: { url: 'rtsp://h/1' },
      video_analytics: {
        line_crossing: { enabled: true, lines: [{ name: 'L', start: point(0, 0), end: point(1, 1) }] },
      },
    });
    const sent = JSON.parse(JSON.stringify(input));
    expect(sent.source).toEqual({ url: 'rtsp://h/1', username: null });
    expect(sent).not.toHaveProperty('onvifPassword');
    expect(sent.videoAnalytics.lineCrossing.lines[0]).not.toHaveProperty('direction');
    expect(sent).toMatchObject({
      videoStorage: null,
      videoStreaming: null,
      ptz: null,
      videoAnalytics: { fps: null, face: null, plate: null, motion: null },
    });
  });

  it('sends null passwords as given (null removes the stored one)', () => {
    const input = toCameraInput({
      name: 'C',
      place_id: 1,
      source: { url: 'rtsp://h/1', password: null },
      onvif_password: null,
    });
    expect(input).toMatchObject({ source: { password: null }, onvifPassword: null });
  });
});
