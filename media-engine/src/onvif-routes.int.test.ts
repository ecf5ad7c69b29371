import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp as buildTopology, topologyConfig, type TopologyApp } from '@argus/topology';
import {
  callerOf,
  startIdentityHarness,
  type Caller,
  type IdentityHarness,
} from '../../test/support/identity-harness.js';
import { startOnvifSimulator, type OnvifSimulator } from '../../test/support/onvif-simulator/index.js';
import { EngineOnvifClient, OnvifCallError, signedOnvifUrl } from './client/index.js';
import type { OnvifErrorCode } from './client/onvif.types.js';
import { signingKey } from './recording/signed-url.js';
import { onvifRoutes } from './onvif-routes.js';
import { TopologyOnvifSettings } from './onvif/topology-onvif-settings.js';

/**
 * The engine's ONVIF endpoint over real HTTP: cameras of two organizations stored in topology
 * (PGlite, or PostgreSQL with DATABASE_URL), their ONVIF passwords read from topology's internal
 * endpoint, the device simulated, called through the published client.
 */
const DEVICE_PASSWORD = 'cam-secret-42';
let identity: IdentityHarness;
let topology: TopologyApp;
let engine: Server;
let client: EngineOnvifClient;
let baseUrl: string;
let internalKey: string;
let topologyUrl: string;
let device: OnvifSimulator;
let noPtz: OnvifSimulator;
const ids: Record<string, string> = {};
const places = new Map<string, number>();
let passwordDevice: OnvifSimulator;
let callerA: Caller;

const CREATE =
  'mutation($i:CameraInput!){ createCamera(input:$i){ __typename ... on Camera { id } ... on Error { message } } }';
const UPDATE =
  'mutation($id:ID!,$i:CameraInput!){ updateCamera(id:$id, input:$i){ __typename ... on Error { message } } }';

async function camera(who: Caller, input: Record<string, unknown>): Promise<string> {
  const place = (await who.query('mutation{ createPlace(input:{name:"Site"}){ ... on Place { id } } }')).createPlace.id;
  const data = await who.query(CREATE, {
    i: { placeId: place, source: { url: 'rtsp://cam.local/1' }, name: 'Cam', ...input },
  });
  expect(data.createCamera.__typename, data.createCamera.message).toBe('Camera');
  places.set(data.createCamera.id, place);
  return data.createCamera.id;
}

function onvifOf(sim: OnvifSimulator, password = DEVICE_PASSWORD): Record<string, unknown> {
  return { onvifHost: sim.host, onvifPort: sim.port, onvifLogin: 'admin', onvifPassword: password };
}

async function code(promise: Promise<unknown>): Promise<OnvifErrorCode> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OnvifCallError);
  return (err as OnvifCallError).code;
}

beforeAll(async () => {
  device = await startOnvifSimulator({ username: 'admin', password: DEVICE_PASSWORD });
  noPtz = await startOnvifSimulator({ username: 'admin', password: DEVICE_PASSWORD, ptz: false });
  passwordDevice = await startOnvifSimulator({ username: 'admin', password: DEVICE_PASSWORD });
  identity = await startIdentityHarness('onvif');
  internalKey = identity.env.ARGUS_INTERNAL_KEY!;
  const config = topologyConfig({ ...identity.env, TOPOLOGY_PORT: '0', IDENTITY_URL: identity.identityUrl });
  topology = buildTopology({ ...config, database: { dataDir: 'memory://' } }, { database: identity.database });
  topologyUrl = (await topology.start()).url;

  const routes = onvifRoutes({
    internalKey,
    settings: new TopologyOnvifSettings(topologyUrl, internalKey),
    timeoutMs: 1500,
  });
  engine = createServer((req, res) => void routes.handle(req, res));
  await new Promise<void>((resolve) => engine.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(engine.address() as AddressInfo).port}`;
  client = new EngineOnvifClient({ baseUrl, internalKey, timeoutMs: 10_000 });

  const orgA = await identity.organization();
  const orgB = await identity.organization();
  const a = callerOf(
    topologyUrl,
    identity,
    (await identity.user({ organizationId: orgA, role: 'administrator' })).token,
  );
  const b = callerOf(
    topologyUrl,
    identity,
    (await identity.user({ organizationId: orgB, role: 'administrator' })).token,
  );
  ids.a = await camera(a, onvifOf(device));
  ids.b = await camera(b, onvifOf(noPtz));
  ids.bare = await camera(a, {});
  ids.wrong = await camera(b, onvifOf(device, 'wrong-password'));
  ids.updater = await camera(a, onvifOf(passwordDevice));
  callerA = a;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (engine ? engine.close(() => resolve()) : resolve()));
  await topology?.stop();
  await identity?.stop();
  await device?.stop();
  await noPtz?.stop();
  await passwordDevice?.stop();
});

describe('POST /internal/onvif/<operation>', () => {
  it('runs operations on cameras of two organizations with the passwords stored in topology', async () => {
    expect(await client.call('getOnvifCameraInfo', ids.a!, {})).toMatchObject({
      manufacturer: 'Mockup Manufacturer',
      hardwareId: 'MOCKUP',
    });
    expect((await client.call('listOnvifStreams', ids.b!, {})).streams[0]).toMatchObject({
      link: `rtsp://${noPtz.host}:554/main`,
    });
    expect(await client.call('updateOnvifImageBrightness', ids.a!, { value: 0 })).toEqual({ status: 'ok' });
    expect((await client.call('getOnvifImage', ids.a!, {})).brightness?.currentValue).toBe(0);
    expect(await client.call('createOnvifPtzPreset', ids.a!, { presetName: 'Door' })).toEqual({ status: 'ok' });
    expect(await client.call('listOnvifPtzPresets', ids.a!, {})).toEqual({ presets: ['Door'] });
  });

  it('answers each error code with its status', async () => {
    expect(await code(client.call('getOnvifPtz', ids.b!, {}))).toBe('onvif_unsupported_action');
    expect(await code(client.call('getOnvifCameraInfo', ids.bare!, {}))).toBe('onvif_not_configured');
    expect(await code(client.call('getOnvifCameraInfo', ids.wrong!, {}))).toBe('onvif_unauthenticated');
    expect(await code(client.call('updateOnvifImageContrast', ids.a!, { value: 1000 }))).toBe('onvif_invalid_argument');
    expect(await code(client.call('getOnvifCameraInfo', '00000000-0000-4000-8000-00000000beef', {}))).toBe('not_found');
    expect(await code(client.call('getOnvifCameraInfo', 'not-a-uuid', {}))).toBe('not_found');
    const err = await client.call('getOnvifCameraInfo', ids.bare!, {}).catch((e: OnvifCallError) => e);
    expect(err).toMatchObject({ code: 'onvif_not_configured', status: 400 });
  });

  it('follows a change of the camera settings and a password change on the device', async () => {
    expect((await client.call('getOnvifCameraInfo', ids.updater!, {})).model).toBe('Mockup Model');
    expect(
      await client.call('updateOnvifUserPassword', ids.updater!, { username: 'admin', password: 'new-secret-7' }),
    ).toEqual({ status: 'ok' });
    expect(await code(client.call('getOnvifCameraInfo', ids.updater!, {}))).toBe('onvif_unauthenticated');
    const updated = await callerA.query(UPDATE, {
      id: ids.updater,
      i: {
        name: 'Cam',
        placeId: places.get(ids.updater!),
        source: { url: 'rtsp://cam.local/1' },
        ...onvifOf(passwordDevice, 'new-secret-7'),
      },
    });
    expect(updated.updateCamera.__typename, updated.updateCamera.message).toBe('Camera');
    expect((await client.call('getOnvifCameraInfo', ids.updater!, {})).model).toBe('Mockup Model');
  });

  it('answers temporarily_unavailable when the engine or topology cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gone = new EngineOnvifClient({ baseUrl: `http://127.0.0.1:${port}`, internalKey });
    expect(await code(gone.call('getOnvifCameraInfo', ids.a!, {}))).toBe('temporarily_unavailable');

    const blind = onvifRoutes({
      internalKey,
      settings: new TopologyOnvifSettings(`http://127.0.0.1:${port}/graphql`, internalKey),
      timeoutMs: 500,
    });
    const server = createServer((req, res) => void blind.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const viaBlind = new EngineOnvifClient({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        internalKey,
      });
      expect(await code(viaBlind.call('getOnvifCameraInfo', ids.a!, {}))).toBe('temporarily_unavailable');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses unsigned, wrongly signed, expired or tampered requests, and unknown operations', async () => {
    const body = JSON.stringify({ cameraId: ids.a, args: {} });
    const post = (url: URL | string, text = body) =>
      fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
    const key = signingKey(internalKey, 'engine-internal');
    expect((await post(`${baseUrl}/internal/onvif/getOnvifCameraInfo`)).status).toBe(403);
    expect(
      (await post(signedOnvifUrl(baseUrl, 'getOnvifCameraInfo', body, signingKey('other-key', 'engine-internal'))))
        .status,
    ).toBe(403);
    expect(
      (await post(signedOnvifUrl(baseUrl, 'getOnvifCameraInfo', body, signingKey(internalKey, 'recordings')))).status,
    ).toBe(403);
    expect((await post(signedOnvifUrl(baseUrl, 'getOnvifCameraInfo', body, key, Date.now() - 120_000))).status).toBe(
      403,
    );
    const tampered = await post(
      signedOnvifUrl(baseUrl, 'getOnvifCameraInfo', body, key),
      JSON.stringify({ cameraId: ids.b, args: {} }),
    );
    expect(tampered.status).toBe(403);
    expect(await tampered.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect((await post(signedOnvifUrl(baseUrl, 'rebootEverything', body, key))).status).toBe(404);
    const ok = await post(signedOnvifUrl(baseUrl, 'getOnvifCameraInfo', body, key));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ result: expect.objectContaining({ model: 'Mockup Model' }) });
    const notJson = await post(signedOnvifUrl(baseUrl, 'getOnvifCameraInfo', '{', key), '{');
    expect([notJson.status, (await notJson.json()).error.code]).toEqual([400, 'invalid_request']);
  });

  it('gives the ONVIF password out of topology only to signed requests', async () => {
    const settingsUrl = topologyUrl.replace(/\/graphql$/, '/internal/cameras/onvif');
    const unsigned = await fetch(settingsUrl, { method: 'POST', body: JSON.stringify({ camera_id: ids.a }) });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).not.toContain(DEVICE_PASSWORD);
    const settings = new TopologyOnvifSettings(topologyUrl, internalKey);
    expect(await settings.settings(ids.a!)).toEqual({
      host: device.host,
      port: device.port,
      login: 'admin',
      password: DEVICE_PASSWORD,
    });
    expect(await settings.settings(ids.bare!)).toEqual({ host: null, port: null, login: null, password: null });
    expect(await settings.settings('00000000-0000-4000-8000-00000000beef')).toBeUndefined();
    await expect(new TopologyOnvifSettings(topologyUrl, 'wrong-key').settings(ids.a!)).rejects.toThrow(/403/);
  });

  it('answers discover through the client', async () => {
    const found = await client.discover({ device: 'lo', timeoutMs: 300 });
    expect(Array.isArray(found.devices)).toBe(true);
    expect(await code(client.discover({ timeoutMs: 5 }))).toBe('invalid_request');
  });
});
