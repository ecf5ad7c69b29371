import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { StreamTargetGuard } from '@argus/core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingServer } from '../../../test/support/counting-server.js';
import { startOnvifSimulator, type OnvifSimulator } from '../../../test/support/onvif-simulator/index.js';
import type { OnvifOperation } from '../client/onvif.types.js';
import { discover } from './onvif-discovery.js';
import { OnvifError } from './onvif-error.js';
import { OnvifService, type CameraOnvifSettings } from './onvif-service.js';

/**
 * The ONVIF wrapper with the real `onvif` client against the device simulator (built on recorded
 * device answers): every operation, what the device remembers, and each error code.
 */
const PASSWORD = 'Pa$$w0rd&<x>';
const cameras = new Map<string, CameraOnvifSettings>();
const logLines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({ write: (chunk, _enc, done) => void (logLines.push(String(chunk)), done()) }),
);
const service = new OnvifService({ settings: { settings: async (id) => cameras.get(id) }, timeoutMs: 1500, logger });

let sim: OnvifSimulator;
let noPtz: OnvifSimulator;

const CAM = '00000000-0000-4000-8000-000000000001';
const NO_PTZ = '00000000-0000-4000-8000-000000000002';

function configure(id: string, device: OnvifSimulator, password = PASSWORD): void {
  cameras.set(id, { host: device.host, port: device.port, login: 'admin', password });
}

const run = (op: OnvifOperation, args: Record<string, unknown> = {}, id = CAM) =>
  service.run(op, id, args) as Promise<any>;

async function failure(promise: Promise<unknown>): Promise<OnvifError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OnvifError);
  return err as OnvifError;
}

beforeAll(async () => {
  sim = await startOnvifSimulator({ username: 'admin', password: PASSWORD });
  noPtz = await startOnvifSimulator({ username: 'admin', password: PASSWORD, ptz: false });
  configure(CAM, sim);
  configure(NO_PTZ, noPtz);
});
afterAll(async () => {
  await sim?.stop();
  await noPtz?.stop();
});

describe('device', () => {
  it('reads the device information', async () => {
    expect(await run('getOnvifCameraInfo')).toEqual({
      manufacturer: 'Mockup Manufacturer',
      model: 'Mockup Model',
      firmwareVersion: 'Mockup_15_14_13',
      serialNumber: '00000000',
      hardwareId: 'MOCKUP',
    });
  });

  it('reads and changes the network ports', async () => {
    expect(await run('getOnvifNetwork')).toEqual({
      http: { port: 80, enabled: true },
      https: { port: 443, enabled: false },
      rtsp: { port: 554, enabled: true },
    });
    expect(await run('updateOnvifNetwork', { rtsp: 8554, http: 8080 })).toEqual({ status: 'ok' });
    expect(await run('getOnvifNetwork')).toMatchObject({
      http: { port: 8080, enabled: true },
      rtsp: { port: 8554, enabled: true },
    });
    expect((await failure(run('updateOnvifNetwork', { rtsp: 70_000 }))).code).toBe('onvif_invalid_argument');
    expect((await failure(run('updateOnvifNetwork', {}))).code).toBe('onvif_invalid_argument');
    sim.state.network.RTSP.port = 554;
  });

  it('lists users without passwords and sets a password (escaped, exactly as given)', async () => {
    const { users } = await run('listOnvifUsers');
    expect(users).toEqual([
      { userName: 'admin', userLevel: 'Administrator' },
      { userName: 'operator', userLevel: 'Operator' },
    ]);
    expect(await run('updateOnvifUserPassword', { username: 'operator', password: `o&<>"'1` })).toEqual({
      status: 'ok',
    });
    expect(sim.state.users.find((u) => u.username === 'operator')?.password).toBe(`o&<>"'1`);
    expect((await failure(run('updateOnvifUserPassword', { username: 'nobody', password: 'x1' }))).code).toBe(
      'onvif_invalid_argument',
    );
    expect(
      (await failure(run('updateOnvifUserPassword', { username: 'operator', password: 'x'.repeat(17) }))).code,
    ).toBe('onvif_invalid_argument');
  });
});

describe('streams', () => {
  it('lists profiles with stream URIs and encoder options', async () => {
    const { streams } = await run('listOnvifStreams');
    expect(streams).toHaveLength(2);
    expect(streams[0]).toMatchObject({
      name: 'main',
      link: `rtsp://${sim.host}:554/main`,
      currentEncoder: 'H264',
      currentResolution: '1920x1080',
      currentFramerate: 5,
      currentBitrate: 512,
      currentGovLength: 30,
      streamProfile: 'MAIN_STREAM',
      profileToken: 'main',
    });
    expect(streams[1]).toMatchObject({ name: 'sub', currentResolution: '1280x720', streamProfile: 'SUB_STREAM_1' });
    const h264 = streams[0].supportedEncoders.find((e: any) => e.name === 'H264');
    expect(h264).toEqual({
      name: 'H264',
      supportedResolutions: [
        { width: 1920, height: 1080 },
        { width: 1280, height: 720 },
        { width: 720, height: 576 },
      ],
      framerateRange: { minVal: 5, maxVal: 25 },
      bitrateRange: { minVal: 64, maxVal: 8192 },
      govLengthRange: { minVal: 1, maxVal: 25 },
    });
  });

  it('updates an encoder, keeping what was not given (the H.264 profile)', async () => {
    const update = {
      streamProfile: 'SUB_STREAM_1',
      encoder: 'H264',
      resolution: '720x576',
      framerate: 10,
      bitrate: 1024,
      govLength: 20,
    };
    expect(await run('updateOnvifStreamEncoder', update)).toEqual({ status: 'ok' });
    const { streams } = await run('listOnvifStreams');
    expect(streams[1]).toMatchObject({
      currentResolution: '720x576',
      currentFramerate: 10,
      currentBitrate: 1024,
      currentGovLength: 20,
    });
    expect(sim.state.encoders[1]).toMatchObject({ h264Profile: 'High', quality: 6 });
    for (const wrong of [
      { framerate: 100 },
      { resolution: '640x480' },
      { bitrate: 10 },
      { govLength: 99 },
      { streamProfile: 'SUB_STREAM_2' },
    ]) {
      expect((await failure(run('updateOnvifStreamEncoder', { ...update, ...wrong }))).code).toBe(
        'onvif_invalid_argument',
      );
    }
    expect((await failure(run('updateOnvifStreamEncoder', { ...update, encoder: 'H265' }))).code).toBe(
      'invalid_request',
    );
  });
});

describe('imaging', () => {
  it('reads every setting with its range', async () => {
    expect(await run('getOnvifImage')).toEqual({
      brightness: { currentValue: 255, supportedRange: { minVal: 0, maxVal: 255 } },
      colorSaturation: { currentValue: 128, supportedRange: { minVal: 0, maxVal: 255 } },
      contrast: { currentValue: 128, supportedRange: { minVal: 0, maxVal: 255 } },
      sharpness: { currentValue: 128, supportedRange: { minVal: 0, maxVal: 255 } },
      backlightCompensation: { currentMode: 'OFF', supportedModes: ['OFF', 'ON'] },
      irCutFilter: { currentMode: 'AUTO', supportedModes: ['ON', 'OFF', 'AUTO'] },
      exposure: { currentRange: { minVal: 10, maxVal: 33_333 }, supportedRange: { minVal: 10, maxVal: 40_000 } },
      whiteBalance: {
        currentMode: 'AUTO',
        currentCrGainValue: 128,
        currentCbGainValue: 128,
        supportedModes: ['AUTO', 'MANUAL'],
        supportedRange: { crGain: { minVal: 0, maxVal: 255 }, cbGain: { minVal: 0, maxVal: 255 } },
      },
      wideDynamicRange: {
        currentMode: 'OFF',
        currentValue: 50,
        supportedModes: ['OFF', 'ON'],
        supportedRange: { minVal: 0, maxVal: 100 },
      },
    });
  });

  it('applies each of the nine updates (brightness 0 included) and reads them back', async () => {
    const updates: [OnvifOperation, Record<string, unknown>][] = [
      ['updateOnvifImageBrightness', { value: 0 }],
      ['updateOnvifImageContrast', { value: 10 }],
      ['updateOnvifImageSaturation', { value: 20 }],
      ['updateOnvifImageSharpness', { value: 30 }],
      ['updateOnvifImageBacklight', { mode: 'ON' }],
      ['updateOnvifImageIrCutFilter', { mode: 'OFF' }],
      ['updateOnvifImageExposure', { value: 20_000 }],
      ['updateOnvifImageWideDynamicRange', { mode: 'ON', value: 70 }],
      ['updateOnvifImageWhiteBalance', { mode: 'MANUAL', crGain: 100, cbGain: 90 }],
    ];
    for (const [op, args] of updates) expect(await run(op, args), op).toEqual({ status: 'ok' });
    const image = await run('getOnvifImage');
    expect(image.brightness.currentValue).toBe(0);
    expect(image.contrast.currentValue).toBe(10);
    expect(image.colorSaturation.currentValue).toBe(20);
    expect(image.sharpness.currentValue).toBe(30);
    expect(image.backlightCompensation.currentMode).toBe('ON');
    expect(image.irCutFilter.currentMode).toBe('OFF');
    expect(image.exposure.currentRange).toEqual({ minVal: 10, maxVal: 20_000 });
    expect(image.wideDynamicRange).toMatchObject({ currentMode: 'ON', currentValue: 70 });
    expect(image.whiteBalance).toMatchObject({
      currentMode: 'MANUAL',
      currentCrGainValue: 100,
      currentCbGainValue: 90,
    });
  });

  it('refuses values outside the device ranges before sending anything', async () => {
    const sets = () => sim.state.requests.filter((r) => r === 'SetImagingSettings').length;
    const before = sets();
    const wrong: [OnvifOperation, Record<string, unknown>][] = [
      ['updateOnvifImageBrightness', { value: 256 }],
      ['updateOnvifImageContrast', { value: -1 }],
      ['updateOnvifImageExposure', { value: 5 }],
      ['updateOnvifImageWideDynamicRange', { value: 101 }],
      ['updateOnvifImageWhiteBalance', { crGain: 300 }],
      ['updateOnvifImageWhiteBalance', {}],
    ];
    for (const [op, args] of wrong) expect((await failure(run(op, args))).code, op).toBe('onvif_invalid_argument');
    expect(sets()).toBe(before);
    expect((await failure(run('updateOnvifImageBrightness', { value: 'x' }))).code).toBe('invalid_request');
  });
});

describe('PTZ', () => {
  it('reads status, ranges and capabilities', async () => {
    const ptz = await run('getOnvifPtz');
    expect(ptz).toMatchObject({
      panTilt: {
        defaultSpeedRange: { x: 1, y: 1 },
        supportedRange: { x: { minVal: 0, maxVal: 1 }, y: { minVal: 0, maxVal: 1 } },
      },
      zoom: { defaultSpeedValue: 1, supportedRange: { x: { minVal: 0, maxVal: 1 } } },
      maxNumOfPresets: 360,
      homeSupported: true,
    });
    expect(ptz.panTilt.currentPosition).toEqual({ x: sim.state.ptzPosition.x, y: sim.state.ptzPosition.y });
  });

  it('moves by steps, saves and applies home', async () => {
    sim.state.ptzPosition = { x: 0.2, y: 0.2, zoom: 0.2 };
    await run('saveOnvifPtzHome');
    expect(await run('updateOnvifPtz', { move: 'RIGHT_UP', step: 5 })).toEqual({ status: 'ok' });
    await run('updateOnvifPtz', { zoom: 'ZOOM_IN', step: 3 });
    const moved = await run('getOnvifPtz');
    expect(moved.panTilt.currentPosition.x).toBeCloseTo(0.7);
    expect(moved.panTilt.currentPosition.y).toBeCloseTo(0.7);
    expect(moved.zoom.currentPosition).toBeCloseTo(0.5);
    await run('applyOnvifPtzHome');
    expect((await run('getOnvifPtz')).panTilt.currentPosition).toEqual({ x: 0.2, y: 0.2 });
    expect((await failure(run('updateOnvifPtz', { move: 'UP', step: 11 }))).code).toBe('onvif_invalid_argument');
    expect((await failure(run('updateOnvifPtz', { step: 2 }))).code).toBe('onvif_invalid_argument');
  });

  it('moves to a position, moves continuously and stops', async () => {
    sim.state.ptzPosition = { x: 0.2, y: 0.2, zoom: 0.2 };
    expect(await run('moveOnvifPtzAbsolute', { x: 0.3, zoom: 0.9 })).toEqual({ status: 'ok' });
    expect(sim.state.ptzPosition).toEqual({ x: 0.3, y: 0.2, zoom: 0.9 });
    expect((await failure(run('moveOnvifPtzAbsolute', { y: 1.5 }))).code).toBe('onvif_invalid_argument');
    expect((await failure(run('moveOnvifPtzAbsolute', {}))).code).toBe('onvif_invalid_argument');
    expect(await run('moveOnvifPtzContinuous', { x: -0.5, timeoutMs: 2000 })).toEqual({ status: 'ok' });
    expect(sim.state.moving).toEqual({ x: -0.5, y: 0, zoom: 0 });
    expect((await failure(run('moveOnvifPtzContinuous', { zoom: 2 }))).code).toBe('onvif_invalid_argument');
    expect(await run('stopOnvifPtz')).toEqual({ status: 'ok' });
    expect(sim.state.moving).toBeNull();
    expect((await failure(run('stopOnvifPtz', {}, NO_PTZ))).code).toBe('onvif_unsupported_action');
  });

  it('creates, lists, applies and deletes a preset (names escaped, duplicates refused by the device)', async () => {
    const name = 'Gate & <door> "1"';
    sim.state.ptzPosition = { x: 0.1, y: 0.9, zoom: 0 };
    expect(await run('createOnvifPtzPreset', { presetName: name })).toEqual({ status: 'ok' });
    expect(await run('listOnvifPtzPresets')).toEqual({ presets: [name] });
    expect((await failure(run('createOnvifPtzPreset', { presetName: name }))).code).toBe('onvif_invalid_argument');
    sim.state.ptzPosition = { x: 0.5, y: 0.5, zoom: 0.5 };
    expect(await run('applyOnvifPtzPreset', { presetName: name })).toEqual({ status: 'ok' });
    expect(sim.state.ptzPosition).toEqual({ x: 0.1, y: 0.9, zoom: 0 });
    expect(await run('deleteOnvifPtzPreset', { presetName: name })).toEqual({ status: 'ok' });
    expect(await run('listOnvifPtzPresets')).toEqual({ presets: [] });
    expect((await failure(run('deleteOnvifPtzPreset', { presetName: name }))).code).toBe('onvif_invalid_argument');
    expect((await failure(run('applyOnvifPtzPreset', { presetName: 'missing' }))).code).toBe('onvif_invalid_argument');
  });

  it('is unsupported on a device without PTZ, which still answers the rest', async () => {
    for (const op of ['getOnvifPtz', 'listOnvifPtzPresets', 'saveOnvifPtzHome'] as const) {
      expect((await failure(run(op, {}, NO_PTZ))).code, op).toBe('onvif_unsupported_action');
    }
    expect((await failure(run('updateOnvifPtz', { move: 'UP', step: 1 }, NO_PTZ))).code).toBe(
      'onvif_unsupported_action',
    );
    expect((await run('getOnvifImage', {}, NO_PTZ)).brightness).toBeDefined();
  });
});

describe('errors', () => {
  it('answers not_found and onvif_not_configured', async () => {
    expect((await failure(run('getOnvifCameraInfo', {}, '00000000-0000-4000-8000-0000000000ff'))).code).toBe(
      'not_found',
    );
    cameras.set('unconfigured', { host: sim.host, port: sim.port, login: 'admin', password: null });
    expect((await failure(run('getOnvifCameraInfo', {}, 'unconfigured'))).code).toBe('onvif_not_configured');
    cameras.set('no-host', { host: null, port: null, login: null, password: null });
    expect((await failure(run('getOnvifCameraInfo', {}, 'no-host'))).code).toBe('onvif_not_configured');
  });

  it('answers onvif_unauthenticated for a wrong password, and never logs a password', async () => {
    cameras.set('wrong', { host: sim.host, port: sim.port, login: 'admin', password: 'not-the-password' });
    expect((await failure(run('getOnvifCameraInfo', {}, 'wrong'))).code).toBe('onvif_unauthenticated');
    expect(logLines.join('')).toContain('onvif_unauthenticated');
    expect(logLines.join('')).not.toContain('not-the-password');
    expect(logLines.join('')).not.toContain(PASSWORD);
  });

  it('answers temporarily_unavailable within the timeout for a closed port and a slow device', async () => {
    for (const [host, port] of [
      ['127.0.0.1', 70_000],
      ['not a host name', 80],
      ['203.0.113.1', 0],
    ] as const) {
      cameras.set('odd', { host, port, login: 'admin', password: 'admin' });
      expect((await failure(run('getOnvifCameraInfo', {}, 'odd'))).code, `${host}:${port}`).toBe(
        'temporarily_unavailable',
      );
    }
    const closed = await startOnvifSimulator();
    const port = closed.port;
    await closed.stop();
    cameras.set('closed', { host: '127.0.0.1', port, login: 'admin', password: 'admin' });
    expect((await failure(run('getOnvifCameraInfo', {}, 'closed'))).code).toBe('temporarily_unavailable');

    const slow = await startOnvifSimulator({ password: 'admin', delayMs: 5000 });
    try {
      cameras.set('slow', { host: slow.host, port: slow.port, login: 'admin', password: 'admin' });
      const started = Date.now();
      expect((await failure(run('getOnvifCameraInfo', {}, 'slow'))).code).toBe('temporarily_unavailable');
      expect(Date.now() - started).toBeLessThan(3500);
    } finally {
      await slow.stop();
    }
  });

  it('turns garbage, resets and non-SOAP answers into temporarily_unavailable without crashing', async () => {
    const answers = [
      (res: any) => res.end('<html>not found</html>'),
      (res: any) => res.end(''),
      (res: any) => res.socket.destroy(),
      (res: any) => res.end('<?xml version="1.0"?><Envelope><Body><Other/></Body></Envelope>'),
    ];
    for (const [index, answer] of answers.entries()) {
      const server = createServer((_req, res) => answer(res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        cameras.set(`garbage-${index}`, {
          host: '127.0.0.1',
          port: (server.address() as AddressInfo).port,
          login: 'admin',
          password: 'admin',
        });
        expect((await failure(run('getOnvifCameraInfo', {}, `garbage-${index}`))).code, String(index)).toBe(
          'temporarily_unavailable',
        );
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  });

  it('works with a skewed device clock, and reconnects when the device clock moves', async () => {
    const skewed = await startOnvifSimulator({ password: 'admin', clockSkewMs: 3 * 3600_000 });
    try {
      cameras.set('skewed', { host: skewed.host, port: skewed.port, login: 'admin', password: 'admin' });
      expect((await run('getOnvifCameraInfo', {}, 'skewed')).model).toBe('Mockup Model');
      skewed.state.clockSkewMs = -2 * 3600_000;
      expect((await run('getOnvifCameraInfo', {}, 'skewed')).model).toBe('Mockup Model');
      expect(skewed.state.requests.filter((r) => r === 'GetSystemDateAndTime')).toHaveLength(2);
    } finally {
      await skewed.stop();
    }
  });

  it('is onvif_unauthenticated after its own login password changed, until the setting follows', async () => {
    const device = await startOnvifSimulator({ password: 'first-pass' });
    try {
      cameras.set('own', { host: device.host, port: device.port, login: 'admin', password: 'first-pass' });
      expect(await run('updateOnvifUserPassword', { username: 'admin', password: 'second-pass' }, 'own')).toEqual({
        status: 'ok',
      });
      expect((await failure(run('getOnvifCameraInfo', {}, 'own'))).code).toBe('onvif_unauthenticated');
      cameras.set('own', { host: device.host, port: device.port, login: 'admin', password: 'second-pass' });
      expect((await run('getOnvifCameraInfo', {}, 'own')).model).toBe('Mockup Model');
      expect(logLines.join('')).not.toMatch(/first-pass|second-pass/);
    } finally {
      await device.stop();
    }
  });

  it('signs with a non-ASCII password and a login that needs escaping', async () => {
    const device = await startOnvifSimulator({ username: 'ops&<1>', password: 'pässwörd-日本' });
    try {
      cameras.set('utf8', { host: device.host, port: device.port, login: 'ops&<1>', password: 'pässwörd-日本' });
      expect((await run('getOnvifCameraInfo', {}, 'utf8')).model).toBe('Mockup Model');
    } finally {
      await device.stop();
    }
  });

  it('keeps one connection per camera and drops it when the settings change', async () => {
    const device = await startOnvifSimulator({ password: 'admin' });
    try {
      cameras.set('cached', { host: device.host, port: device.port, login: 'admin', password: 'admin' });
      await Promise.all([run('getOnvifCameraInfo', {}, 'cached'), run('listOnvifUsers', {}, 'cached')]);
      await run('getOnvifNetwork', {}, 'cached');
      const connects = () => device.state.requests.filter((r) => r === 'GetSystemDateAndTime').length;
      expect(connects()).toBe(1);
      device.state.users.push({ username: 'viewer', password: 'viewer-pass', level: 'User' });
      cameras.set('cached', { host: device.host, port: device.port, login: 'viewer', password: 'viewer-pass' });
      await run('getOnvifNetwork', {}, 'cached');
      expect(connects()).toBe(2);
    } finally {
      await device.stop();
    }
  });
});

describe('discovery', () => {
  it('finds the simulator by a WS-Discovery probe on loopback', async () => {
    const found = await startOnvifSimulator({ discovery: true });
    try {
      expect(found.discoveryUrn).toBeDefined();
      const { devices } = await discover({ device: 'lo', timeoutMs: 1500 });
      expect(devices).toContainEqual(
        expect.objectContaining({
          urn: found.discoveryUrn,
          xaddrs: [found.url],
          host: found.host,
          port: found.port,
          name: 'PREDATOR',
          hardware: 'HD_PREDATOR',
        }),
      );
    } finally {
      await found.stop();
    }
  });
});

describe('the address of onvif_host', () => {
  it('is refused on the machine itself and the metadata address unless STREAM_ALLOWED_NETWORKS lists it; nothing is sent there', async () => {
    const internal = await startCountingServer();
    const { port } = internal;
    const settings = { settings: async (id: string) => cameras.get(id) };
    const guarded = new OnvifService({ settings, timeoutMs: 1500, targets: new StreamTargetGuard() });
    const hosts = ['127.0.0.1', 'localhost', '::1', '169.254.169.254', '0.0.0.0', '2130706433'];
    try {
      for (const [i, host] of hosts.entries()) {
        const id = `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`;
        cameras.set(id, { host, port: host === '169.254.169.254' ? 80 : port, login: 'admin', password: PASSWORD });
        const err = await failure(guarded.run('getOnvifCameraInfo', id, {}));
        expect({ host, code: err.code, message: err.message }).toEqual({
          host,
          code: 'onvif_invalid_argument',
          message: 'The address of onvif_host is not allowed',
        });
      }
      expect(internal.requests()).toBe(0);
      // the simulator on loopback, with loopback listed: answered as without the guard
      const listed = new OnvifService({ settings, timeoutMs: 1500, targets: new StreamTargetGuard(['127.0.0.0/8']) });
      expect(await listed.run('getOnvifCameraInfo', CAM, {})).toEqual(await run('getOnvifCameraInfo'));
    } finally {
      internal.close();
    }
  });
});
