import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnvifCamera, ONVIF_CHANGE_ACTIONS } from '../support/onvif-cameras.js';
import { startOnvifSimulator, type OnvifSimulator } from '../support/onvif-simulator/index.js';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import { createPlace } from './topology-fixtures.js';

/**
 * ONVIF control (REST 8.1–8.25 and GET /onvif-discovery) over the whole stack: the facade, the
 * router, the media part, a media engine and simulated devices. Errors are in onvif-errors.test.ts.
 */

type Member = TestUser & { token: string };
let stack: TestStack;
let sim: OnvifSimulator;
let admin: Member;
let viewer: Member;
let cameraId: string;

const call = async (method: string, path: string, json?: unknown, token = admin.token) => {
  const res = await stack.rest(method, `/onvif/${cameraId}${path}`, { token, json });
  expectSpec(res, 200);
  return res.body;
};
const ok = (method: string, path: string, json?: unknown) =>
  expect(call(method, path, json)).resolves.toEqual({ status: 'ok' });

beforeAll(async () => {
  [stack, sim] = await Promise.all([
    TestStack.start({ mediaEngine: true }),
    startOnvifSimulator({ username: 'admin', password: 'sim-pass-1', discovery: true }),
  ]);
  const org = await stack.createOrganization();
  [admin, viewer] = await Promise.all([stack.member(org.id, 'administrator'), stack.member(org.id, 'viewer')]);
  const place = await createPlace(stack, admin.token);
  cameraId = await createOnvifCamera(stack, admin.token, place.id, sim);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await sim?.stop();
});

describe('reading the device (8.1, 8.2, 8.4, 8.6, 8.8, 8.18, 8.22)', () => {
  it('answers its information, network protocols and users, never a password', async () => {
    expect(await call('GET', '', undefined, viewer.token)).toEqual({
      manufacturer: 'Mockup Manufacturer',
      model: 'Mockup Model',
      firmware_version: 'Mockup_15_14_13',
      serial_number: '00000000',
      hardware_id: 'MOCKUP',
    });
    expect(await call('GET', '/network')).toEqual({
      http: { port: 80, enabled: true },
      https: { port: 443, enabled: false },
      rtsp: { port: 554, enabled: true },
    });
    const users = await call('GET', '/users');
    expect(users.users).toContainEqual({ user_name: 'admin', user_level: 'Administrator' });
    expect(users.users).toHaveLength(sim.state.users.length);
    expect(JSON.stringify(users)).not.toContain('sim-pass-1');
  });

  it('answers its streams, imaging settings, PTZ and presets', async () => {
    const { streams } = await call('GET', '/streams');
    expect(streams).toHaveLength(2);
    expect(streams[0]).toMatchObject({
      current_encoder: 'H264',
      current_resolution: `${sim.state.encoders[0]!.width}x${sim.state.encoders[0]!.height}`,
      current_framerate: sim.state.encoders[0]!.frameRate,
      link: expect.stringMatching(/^rtsp:\/\//),
    });
    expect(streams[0].supported_encoders[0]).toMatchObject({
      framerate_range: { min_val: expect.any(Number), max_val: expect.any(Number) },
    });
    const image = await call('GET', '/image');
    expect(image.brightness).toEqual({
      current_value: sim.state.imaging.brightness,
      supported_range: {
        min_val: sim.state.imagingOptions.brightness.min,
        max_val: sim.state.imagingOptions.brightness.max,
      },
    });
    expect(image.white_balance).toMatchObject({
      current_mode: 'AUTO',
      current_cr_gain_value: 128,
      supported_range: { cr_gain: { min_val: 0, max_val: 255 } },
    });
    const ptz = await call('GET', '/ptz');
    const { x } = sim.state.ptzRange;
    expect(ptz).toMatchObject({
      home_supported: true,
      pan_tilt: { supported_range: { x: { min_val: x.min, max_val: x.max } } },
    });
    expect(await call('GET', '/ptz/presets')).toEqual({ presets: [] });
  });
});

describe('changing the device (8.3, 8.5, 8.7, 8.9–8.17, 8.19–8.25)', () => {
  it('sets the network ports and a stream encoder', async () => {
    await ok('PUT', '/network', { http: 8080, rtsp: null });
    expect(sim.state.network.HTTP.port).toBe(8080);
    expect((await call('GET', '/network')).http).toEqual({ port: 8080, enabled: true });
    expect(sim.state.encoderOptions.H264!.resolutions).toContainEqual({ width: 1920, height: 1080 });
    await ok('PUT', '/stream/encoder', {
      stream_profile: 'SUB_STREAM_1',
      encoder: 'H264',
      resolution: '1920x1080',
      framerate: 10,
      bitrate: 384,
      gov_length: 20,
    });
    expect(sim.state.encoders[1]).toMatchObject({
      width: 1920,
      height: 1080,
      frameRate: 10,
      bitrate: 384,
      govLength: 20,
    });
    const { streams } = await call('GET', '/streams');
    expect(streams[1]).toMatchObject({ current_resolution: '1920x1080', current_framerate: 10, current_bitrate: 384 });
  });

  it('sets each imaging setting, read back by GET /image', async () => {
    await ok('PUT', '/image/brightness', { value: 0 });
    await ok('PUT', '/image/contrast', { value: 90 });
    await ok('PUT', '/image/saturation', { value: 91 });
    await ok('PUT', '/image/sharpness', { value: 92 });
    await ok('PUT', '/image/backlight', { mode: 'ON' });
    await ok('PUT', '/image/ir', { mode: 'OFF' });
    await ok('PUT', '/image/exposure', { value: 20_000 });
    await ok('PUT', '/image/dr', { mode: 'ON', value: 70 });
    await ok('PUT', '/image/wb', { mode: 'MANUAL', cr_gain: 100, cb_gain: null });
    expect(sim.state.imaging).toMatchObject({
      brightness: 0,
      contrast: 90,
      colorSaturation: 91,
      sharpness: 92,
      backlight: 'ON',
      irCutFilter: 'OFF',
      exposure: { maxExposureTime: 20_000 },
      wdr: { mode: 'ON', level: 70 },
      whiteBalance: { mode: 'MANUAL', crGain: 100, cbGain: 128 },
    });
    const image = await call('GET', '/image');
    expect(image.brightness.current_value).toBe(0);
    expect(image.backlight_compensation.current_mode).toBe('ON');
    expect(image.exposure.current_range.max_val).toBe(20_000);
  });

  it('moves, saves and applies home, and creates, lists, applies and deletes a preset', async () => {
    const start = { ...sim.state.ptzPosition };
    await ok('PUT', '/ptz', { move: 'RIGHT', step: 2 });
    expect(sim.state.ptzPosition.x).toBeGreaterThan(start.x);
    await ok('PUT', '/ptz', { zoom: 'ZOOM_IN', step: 1 });
    await ok('PUT', '/ptz/home');
    const home = { ...sim.state.ptzPosition };
    await ok('POST', '/ptz/preset', { preset_name: 'Gate & Yard' });
    expect(await call('GET', '/ptz/presets')).toEqual({ presets: ['Gate & Yard'] });
    await ok('PUT', '/ptz', { move: 'LEFT_DOWN', step: 3 });
    expect(sim.state.ptzPosition).not.toEqual(home);
    await ok('POST', '/ptz/preset/apply', { preset_name: 'Gate & Yard' });
    expect(sim.state.ptzPosition).toEqual(home);
    await ok('PUT', '/ptz', { move: 'UP', step: 1 });
    await ok('PUT', '/ptz/home/apply');
    expect(sim.state.ptzPosition).toEqual(home);
    await ok('DELETE', '/ptz/preset', { preset_name: 'Gate & Yard' });
    expect(await call('GET', '/ptz/presets')).toEqual({ presets: [] });
    const again = await stack.rest('DELETE', `/onvif/${cameraId}/ptz/preset`, {
      token: admin.token,
      json: { preset_name: 'Gate & Yard' },
    });
    expectSpec(again, 400);
    expect(again.body).toEqual(errorBody('onvif_invalid_argument', 400));
  });

  it('audits every change with its action type and no password', async () => {
    const res = await stack.rest('GET', '/auditlogs', { token: admin.token, query: { limit: 100 } });
    expectSpec(res, 200);
    const onvif = (res.body.auditlogs as { action_type: string; meta: Record<string, unknown> }[]).filter((e) =>
      e.action_type.startsWith('onvif_'),
    );
    const types = new Set(onvif.map((e) => e.action_type));
    for (const type of ONVIF_CHANGE_ACTIONS) expect(types).toContain(type);
    expect(onvif.filter((e) => e.action_type === 'onvif_image_update')).toHaveLength(9);
    expect(onvif.every((e) => e.meta.camera_id === cameraId)).toBe(true);
    expect(onvif).toContainEqual(
      expect.objectContaining({
        action_type: 'onvif_image_update',
        meta: { camera_id: cameraId, setting: 'brightness', value: 0 },
      }),
    );
  });
});

describe('discovery (GET /onvif-discovery, an Argus extension)', () => {
  it('finds the simulated device on loopback with the host and port a camera takes', async () => {
    expect(sim.discoveryUrn, 'the simulator answers WS-Discovery').toBeDefined();
    const res = await stack.rest('GET', '/onvif-discovery', {
      token: admin.token,
      query: { interface: 'lo', timeout_ms: 1500 },
    });
    expectSpec(res, 200);
    expect(res.body.devices).toContainEqual(
      expect.objectContaining({ urn: sim.discoveryUrn, host: sim.host, port: sim.port, xaddrs: [sim.url] }),
    );
    const query = 'query { onvifDiscovery(networkInterface: "lo", timeoutMs: 1000) { urn host port name } }';
    const gql = await stack.gql(query, {}, admin.token);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.onvifDiscovery).toContainEqual(
      expect.objectContaining({ urn: sim.discoveryUrn, port: sim.port }),
    );
  });

  it('needs camera_create and a sane listening time', async () => {
    expectSpec(await stack.rest('GET', '/onvif-discovery', { token: viewer.token, query: { interface: 'lo' } }), 403);
    expectValidation(await stack.rest('GET', '/onvif-discovery', { token: admin.token, query: { timeout_ms: 50 } }), [
      'query',
      'timeout_ms',
    ]);
    expectValidation(
      await stack.rest('GET', '/onvif-discovery', { token: admin.token, query: { interface: 'lo; rm' } }),
      ['query', 'interface'],
    );
  });
});

describe('a changed device password (8.5)', () => {
  it('is set on the device and audited without it; the next call is onvif_unauthenticated', async () => {
    await ok('PUT', '/users/admin', { password: 'new-pass-2' });
    expect(sim.state.users.find((u) => u.username === 'admin')!.password).toBe('new-pass-2');
    const res = await stack.rest('GET', `/onvif/${cameraId}`, { token: admin.token });
    expectSpec(res, 400);
    expect(res.body).toEqual(errorBody('onvif_unauthenticated', 400));
    expect(JSON.stringify(res.body)).not.toMatch(/new-pass-2|sim-pass-1/);
    const audit = await stack.rest('GET', '/auditlogs', {
      token: admin.token,
      query: { action_types: 'onvif_user_update' },
    });
    expectSpec(audit, 200);
    expect(audit.body.auditlogs).toHaveLength(1);
    expect(audit.body.auditlogs[0].meta).toEqual({ camera_id: cameraId, username: 'admin' });
    expect(JSON.stringify(audit.body)).not.toContain('new-pass-2');
  });
});
