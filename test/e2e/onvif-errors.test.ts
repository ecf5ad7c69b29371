import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnvifCamera } from '../support/onvif-cameras.js';
import { startOnvifSimulator, type OnvifSimulator } from '../support/onvif-simulator/index.js';
import { errorBody, expectSpec, expectValidation, TestStack, type TestUser } from '../support/stack.js';
import { createPlace } from './topology-fixtures.js';

/**
 * ONVIF errors over REST (every status of 8.x) and a representative set of the GraphQL API
 * through the router: Camera.onvif, mutations with typed errors, discovery. Two organizations.
 */

type Member = TestUser & { token: string };
let stack: TestStack;
let sim: OnvifSimulator;
let noPtz: OnvifSimulator;
let gone: OnvifSimulator;
let admin: Member;
let operator: Member;
let viewer: Member;
let outsider: Member;
const cam: Record<'main' | 'bare' | 'noPtz' | 'gone', string> = { main: '', bare: '', noPtz: '', gone: '' };

const rest = (method: string, path: string, json?: unknown, token = admin.token) =>
  stack.rest(method, path, { token, json });

async function expectError(
  method: string,
  path: string,
  code: number,
  status: string,
  json?: unknown,
  token = admin.token,
) {
  const res = await rest(method, path, json, token);
  expectSpec(res, code);
  expect(res.body).toEqual(errorBody(status, code));
}

beforeAll(async () => {
  [stack, sim, noPtz, gone] = await Promise.all([
    TestStack.start({ mediaEngine: true }),
    startOnvifSimulator({ password: 'main-pass' }),
    startOnvifSimulator({ ptz: false }),
    startOnvifSimulator(),
  ]);
  const [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  [admin, operator, viewer, outsider] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgA.id, 'operator'),
    stack.member(orgA.id, 'viewer'),
    stack.member(orgB.id, 'administrator'),
  ]);
  const place = await createPlace(stack, admin.token);
  cam.main = await createOnvifCamera(stack, admin.token, place.id, sim);
  cam.bare = await createOnvifCamera(stack, admin.token, place.id);
  cam.noPtz = await createOnvifCamera(stack, admin.token, place.id, noPtz);
  cam.gone = await createOnvifCamera(stack, admin.token, place.id, gone);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all([sim?.stop(), noPtz?.stop(), gone?.stop().catch(() => undefined)]);
});

describe('REST errors of 8.x', () => {
  it('a camera without ONVIF host or credentials is 400 onvif_not_configured', async () => {
    await expectError('GET', `/onvif/${cam.bare}`, 400, 'onvif_not_configured');
    await expectError('PUT', `/onvif/${cam.bare}/image/brightness`, 400, 'onvif_not_configured', { value: 10 });
  });

  it('a device without PTZ is 400 onvif_unsupported_action', async () => {
    await expectError('GET', `/onvif/${cam.noPtz}/ptz`, 400, 'onvif_unsupported_action');
    await expectError('PUT', `/onvif/${cam.noPtz}/ptz`, 400, 'onvif_unsupported_action', { move: 'UP', step: 1 });
    await expectError('POST', `/onvif/${cam.noPtz}/ptz/preset`, 400, 'onvif_unsupported_action', { preset_name: 'A' });
  });

  it("a value outside the device's range or nothing to change is 400 onvif_invalid_argument", async () => {
    const before = sim.state.imaging.brightness;
    await expectError('PUT', `/onvif/${cam.main}/image/brightness`, 400, 'onvif_invalid_argument', { value: 1000 });
    expect(sim.state.imaging.brightness).toBe(before);
    await expectError('PUT', `/onvif/${cam.main}/ptz`, 400, 'onvif_invalid_argument', { step: 3 });
    await expectError('PUT', `/onvif/${cam.main}/network`, 400, 'onvif_invalid_argument', {});
    await expectError('PUT', `/onvif/${cam.main}/network`, 400, 'onvif_invalid_argument', { http: 70_000 });
    await expectError('POST', `/onvif/${cam.main}/ptz/preset/apply`, 400, 'onvif_invalid_argument', {
      preset_name: 'No such preset',
    });
    const encoder = {
      stream_profile: 'MAIN_STREAM',
      encoder: 'H264',
      resolution: '704x576',
      framerate: 5,
      bitrate: 512,
    };
    await expectError('PUT', `/onvif/${cam.main}/stream/encoder`, 400, 'onvif_invalid_argument', encoder);
  });

  it('a device that does not answer is 503 temporarily_unavailable', async () => {
    await gone.stop();
    await expectError('GET', `/onvif/${cam.gone}`, 503, 'temporarily_unavailable');
    await expectError('PUT', `/onvif/${cam.gone}/ptz/home`, 503, 'temporarily_unavailable');
  });

  it("another organization's camera and an unknown one are 404; a bad id or body is 422", async () => {
    await expectError('GET', `/onvif/${cam.main}`, 404, 'not_found', undefined, outsider.token);
    await expectError('PUT', `/onvif/${cam.main}/image/contrast`, 404, 'not_found', { value: 10 }, outsider.token);
    await expectError(
      'DELETE',
      `/onvif/${cam.main}/ptz/preset`,
      404,
      'not_found',
      { preset_name: 'A' },
      outsider.token,
    );
    await expectError('GET', `/onvif/${randomUUID()}/image`, 404, 'not_found');
    expectValidation(await rest('GET', '/onvif/not-a-uuid'), ['path', 'camera_id']);
    expectValidation(await rest('PUT', `/onvif/${cam.main}/image/brightness`, { value: 'bright' }), ['body', 'value']);
    expectValidation(await rest('PUT', `/onvif/${cam.main}/ptz`, { move: 'UP', step: 11 }), ['body', 'step']);
    expectValidation(await rest('PUT', `/onvif/${cam.main}/ptz`, { move: 'NORTH', step: 1 }), ['body', 'move']);
    expectValidation(await rest('PUT', `/onvif/${cam.main}/users/admin`, { password: 'x'.repeat(17) }), [
      'body',
      'password',
    ]);
    expectValidation(await rest('POST', `/onvif/${cam.main}/ptz/preset`, {}), ['body', 'preset_name']);
    expectValidation(
      await rest('PUT', `/onvif/${cam.main}/stream/encoder`, {
        stream_profile: 'MAIN_STREAM',
        encoder: 'H265',
        resolution: '640x480',
        framerate: 5,
        bitrate: 1,
      }),
      ['body', 'encoder'],
    );
  });

  it('each operation needs its permission (403) and a token (401)', async () => {
    expectSpec(await rest('GET', `/onvif/${cam.main}`, undefined, viewer.token), 200);
    await expectError('PUT', `/onvif/${cam.main}/image/brightness`, 403, 'unauthorized', { value: 10 }, viewer.token);
    await expectError('PUT', `/onvif/${cam.main}/users/admin`, 403, 'unauthorized', { password: 'abc' }, viewer.token);
    expectSpec(await rest('PUT', `/onvif/${cam.main}/ptz`, { move: 'UP', step: 1 }, operator.token), 200);
    await expectError(
      'POST',
      `/onvif/${cam.main}/ptz/preset`,
      403,
      'unauthorized',
      { preset_name: 'A' },
      operator.token,
    );
    await expectError(
      'DELETE',
      `/onvif/${cam.main}/ptz/preset`,
      403,
      'unauthorized',
      { preset_name: 'A' },
      operator.token,
    );
    expectSpec(await stack.rest('GET', `/onvif/${cam.main}`), 401);
  });
});

describe('GraphQL through the router', () => {
  const ONVIF = `query($id: ID!) { camera(id: $id) { id name onvif { info { manufacturer firmwareVersion }
    image { brightness { currentValue supportedRange { minVal maxVal } }
      backlightCompensation { currentMode supportedModes } }
    streams { name currentEncoder currentResolution { width height } } presets } } }`;
  const BRIGHTNESS = `mutation($id: ID!, $v: Float!) { updateOnvifImageBrightness(cameraId: $id, value: $v) {
    __typename ... on Ok { ok } ... on Error { message } ... on InvalidRequestError { status } } }`;

  it("reads Camera.onvif joined to topology's camera, with enums and typed resolutions", async () => {
    const res = await stack.gql(ONVIF, { id: cam.main }, viewer.token);
    expect(res.body.errors).toBeUndefined();
    const onvif = res.body.data.camera.onvif;
    expect(onvif.info).toEqual({ manufacturer: 'Mockup Manufacturer', firmwareVersion: 'Mockup_15_14_13' });
    expect(onvif.image.backlightCompensation.supportedModes).toEqual(expect.arrayContaining(['ON', 'OFF']));
    expect(onvif.streams[0]).toMatchObject({
      currentEncoder: 'H264',
      currentResolution: { width: expect.any(Number), height: expect.any(Number) },
    });
    expect(onvif.presets).toEqual(expect.any(Array));
  });

  it('a field the device cannot answer is null with its status; the others still resolve', async () => {
    const res = await stack.gql(
      `query($id: ID!) { camera(id: $id) { onvif { info { model } ptz { homeSupported } } } }`,
      { id: cam.noPtz },
      admin.token,
    );
    expect(res.body.data.camera.onvif).toEqual({ info: { model: 'Mockup Model' }, ptz: null });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['camera', 'onvif', 'ptz'],
        extensions: expect.objectContaining({ code: 'INVALID_REQUEST', status: 'onvif_unsupported_action' }),
      }),
    ]);
  });

  it("mutations answer Ok or a typed error; another organization's camera is NotFoundError", async () => {
    expect(
      (await stack.gql(BRIGHTNESS, { id: cam.main, v: 77 }, admin.token)).body.data.updateOnvifImageBrightness,
    ).toEqual({ __typename: 'Ok', ok: true });
    expect(sim.state.imaging.brightness).toBe(77);
    expect(
      (await stack.gql(BRIGHTNESS, { id: cam.main, v: 999 }, admin.token)).body.data.updateOnvifImageBrightness,
    ).toEqual({ __typename: 'InvalidRequestError', message: expect.any(String), status: 'onvif_invalid_argument' });
    expect(
      (await stack.gql(BRIGHTNESS, { id: cam.main, v: 10 }, outsider.token)).body.data.updateOnvifImageBrightness,
    ).toEqual({ __typename: 'NotFoundError', message: expect.any(String) });
    const forbidden = await stack.gql(BRIGHTNESS, { id: cam.main, v: 10 }, viewer.token);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const moved = await stack.gql(
      `mutation($id: ID!) { moveOnvifPtz(cameraId: $id, move: LEFT, step: 1) { __typename } }`,
      { id: cam.main },
      operator.token,
    );
    expect(moved.body.data.moveOnvifPtz).toEqual({ __typename: 'Ok' });
    const preset = await stack.gql(
      `mutation($id: ID!) { createOnvifPtzPreset(cameraId: $id, name: "Dock") { __typename } }`,
      { id: cam.main },
      admin.token,
    );
    expect(preset.body.data.createOnvifPtzPreset).toEqual({ __typename: 'Ok' });
    expect(sim.state.presets.map((p) => p.name)).toContain('Dock');
  });

  it('moves PTZ to an absolute position, continuously and stops (GraphQL only)', async () => {
    const absolute = `mutation($id: ID!, $x: Float) { moveOnvifPtzAbsolute(cameraId: $id, x: $x, y: 0.75, zoom: 0.5) {
      __typename ... on InvalidRequestError { status } } }`;
    const moved = await stack.gql(absolute, { id: cam.main, x: 0.25 }, operator.token);
    expect(moved.body.data.moveOnvifPtzAbsolute).toEqual({ __typename: 'Ok' });
    expect(sim.state.ptzPosition).toEqual({ x: 0.25, y: 0.75, zoom: 0.5 });
    const outside = await stack.gql(absolute, { id: cam.main, x: 5 }, operator.token);
    expect(outside.body.data.moveOnvifPtzAbsolute).toEqual({
      __typename: 'InvalidRequestError',
      status: 'onvif_invalid_argument',
    });
    const continuous = `mutation($id: ID!) {
      moveOnvifPtzContinuous(cameraId: $id, x: 0.5, timeoutMs: 1000) { __typename }
      stopOnvifPtz(cameraId: $id) { __typename } }`;
    expect((await stack.gql(continuous, { id: cam.main }, operator.token)).body.data).toEqual({
      moveOnvifPtzContinuous: { __typename: 'Ok' },
      stopOnvifPtz: { __typename: 'Ok' },
    });
    expect(sim.state.requests).toEqual(expect.arrayContaining(['AbsoluteMove', 'ContinuousMove', 'Stop']));
  });

  it("an unreachable device is an UNAVAILABLE error; another organization's camera reads as null", async () => {
    const res = await stack.gql(
      `query($id: ID!) { camera(id: $id) { onvif { info { model } } } }`,
      { id: cam.gone },
      admin.token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    const other = await stack.gql(
      `query($id: ID!) { camera(id: $id) { onvif { info { model } } } }`,
      { id: cam.main },
      outsider.token,
    );
    expect(other.body).toEqual({ data: { camera: null } });
  });
});
