import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOnvifCamera, ONVIF_CHANGE_ACTIONS } from '../support/onvif-cameras.js';
import { startOnvifSimulator, type OnvifSimulator } from '../support/onvif-simulator/index.js';
import { expectSpec, TestStack, type TestUser } from '../support/stack.js';
import { createPlace } from './topology-fixtures.js';

/**
 * ONVIF control over GraphQL through the router: every Camera.onvif field and every mutation
 * against a simulated device (its state read back), each error status as a typed mutation error
 * and as a field error, and a device password changed over GraphQL that makes the next call
 * onvif_unauthenticated until the camera's ONVIF settings follow.
 */

type Member = TestUser & { token: string };
let stack: TestStack;
let sim: OnvifSimulator;
let noPtz: OnvifSimulator;
let gone: OnvifSimulator;
let slow: OnvifSimulator;
let skewed: OnvifSimulator;
let admin: Member;
let operator: Member;
let outsider: Member;
let placeId: number;
const cam: Record<'main' | 'bare' | 'noPtz' | 'gone' | 'slow' | 'skewed', string> = {
  main: '',
  bare: '',
  noPtz: '',
  gone: '',
  slow: '',
  skewed: '',
};
/**
 * The engine's bound of one SOAP request (connecting: twice that): the default, as shorter bounds
 * fail healthy devices when the machine is loaded (the simulators share the test's event loop).
 */
const ONVIF_TIMEOUT_MS = 5000;

const camera = (device?: OnvifSimulator) => createOnvifCamera(stack, admin.token, placeId, device);

const RESULT =
  '__typename ... on Ok { ok } ... on InvalidRequestError { status message } ... on NotFoundError { message }';

/** The input type of each mutation that takes an input object. */
const INPUT_TYPES: Record<string, string> = {
  updateOnvifNetwork: 'OnvifNetworkInput!',
  updateOnvifStreamEncoder: 'OnvifStreamEncoderInput!',
};

/** Runs one ONVIF mutation on a camera and answers its result union. */
async function mutate(
  field: string,
  args: string,
  id = cam.main,
  token = admin.token,
  input?: Record<string, unknown>,
) {
  const declared = input === undefined ? '' : `, $input: ${INPUT_TYPES[field]}`;
  const given = [args, input === undefined ? '' : 'input: $input'].filter(Boolean).join(', ');
  const res = await stack.gql(
    `mutation($id: ID!${declared}) { r: ${field}(cameraId: $id${given ? `, ${given}` : ''}) { ${RESULT} } }`,
    { id, ...(input === undefined ? {} : { input }) },
    token,
  );
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data.r;
}

const OK = { __typename: 'Ok', ok: true };
const refused = (status: string) => ({ __typename: 'InvalidRequestError', status, message: expect.any(String) });

const READ_ALL = `query($id: ID!) { camera(id: $id) { id onvif {
  info { manufacturer model firmwareVersion serialNumber hardwareId }
  network { http { port enabled } https { port enabled } rtsp { port enabled } }
  users { userName userLevel }
  streams { name link streamProfile currentEncoder currentResolution { width height } currentFramerate currentBitrate
    currentGovLength supportedEncoders { name supportedResolutions { width height } framerateRange { minVal maxVal }
    bitrateRange { minVal maxVal } govLengthRange { minVal maxVal } } }
  image {
    brightness { currentValue supportedRange { minVal maxVal } }
    colorSaturation { currentValue supportedRange { minVal maxVal } }
    contrast { currentValue supportedRange { minVal maxVal } }
    sharpness { currentValue supportedRange { minVal maxVal } }
    backlightCompensation { currentMode supportedModes }
    irCutFilter { currentMode supportedModes }
    exposure { currentRange { minVal maxVal } supportedRange { minVal maxVal } }
    whiteBalance { currentMode currentCrGainValue currentCbGainValue supportedModes
      supportedRange { crGain { minVal maxVal } cbGain { minVal maxVal } } }
    wideDynamicRange { currentMode currentValue supportedModes supportedRange { minVal maxVal } } }
  ptz { panTilt { currentPosition { x y } defaultSpeedRange { x y } supportedRange { x { minVal maxVal } y { minVal maxVal } } }
    zoom { currentPosition defaultSpeedValue supportedRange { x { minVal maxVal } } } maxNumOfPresets homeSupported }
  presets } } }`;

async function readAll(id = cam.main, token = admin.token) {
  const res = await stack.gql(READ_ALL, { id }, token);
  return res.body;
}

beforeAll(async () => {
  [stack, sim, noPtz, gone, slow, skewed] = await Promise.all([
    TestStack.start({ mediaEngine: true, env: { ONVIF_TIMEOUT_MS: String(ONVIF_TIMEOUT_MS) } }),
    startOnvifSimulator({ password: 'gql-pass-1' }),
    startOnvifSimulator({ ptz: false }),
    startOnvifSimulator(),
    startOnvifSimulator(),
    startOnvifSimulator({ clockSkewMs: 3 * 3600_000 }),
  ]);
  const [orgA, orgB] = await Promise.all([stack.createOrganization(), stack.createOrganization()]);
  [admin, operator, outsider] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgA.id, 'operator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  placeId = (await createPlace(stack, admin.token)).id;
  [cam.main, cam.bare, cam.noPtz, cam.gone, cam.slow, cam.skewed] = await Promise.all([
    camera(sim),
    camera(),
    camera(noPtz),
    camera(gone),
    camera(slow),
    camera(skewed),
  ]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all([sim?.stop(), noPtz?.stop(), slow?.stop(), skewed?.stop(), gone?.stop().catch(() => undefined)]);
});

describe('Camera.onvif', () => {
  it('answers every field from the device: info, network, users, streams, image, ptz, presets', async () => {
    // one call connects first (clock offset, services, login), so the seven fields share that connection
    expect(
      (
        await stack.gql(
          `query($id: ID!) { camera(id: $id) { onvif { info { model } } } }`,
          { id: cam.main },
          admin.token,
        )
      ).body,
    ).toEqual({
      data: { camera: { onvif: { info: { model: 'Mockup Model' } } } },
    });
    const body = await readAll();
    expect(body.errors).toBeUndefined();
    const onvif = body.data.camera.onvif;
    expect(onvif.info).toEqual({
      manufacturer: 'Mockup Manufacturer',
      model: 'Mockup Model',
      firmwareVersion: 'Mockup_15_14_13',
      serialNumber: '00000000',
      hardwareId: 'MOCKUP',
    });
    expect(onvif.network).toEqual({
      http: { port: sim.state.network.HTTP.port, enabled: true },
      https: { port: sim.state.network.HTTPS.port, enabled: false },
      rtsp: { port: sim.state.network.RTSP.port, enabled: true },
    });
    expect(onvif.users).toEqual(sim.state.users.map((u) => ({ userName: u.username, userLevel: u.level })));
    expect(JSON.stringify(body)).not.toContain('gql-pass-1');
    expect(onvif.streams).toHaveLength(sim.state.profiles.length);
    const main = sim.state.encoders[0]!;
    expect(onvif.streams[0]).toMatchObject({
      streamProfile: 'MAIN_STREAM',
      link: expect.stringMatching(/^rtsp:\/\//),
      currentEncoder: main.encoding,
      currentResolution: { width: main.width, height: main.height },
      currentFramerate: main.frameRate,
      currentBitrate: main.bitrate,
    });
    expect(onvif.streams[0].supportedEncoders).toContainEqual(
      expect.objectContaining({ name: 'H264', supportedResolutions: sim.state.encoderOptions.H264!.resolutions }),
    );
    const { imaging, imagingOptions } = sim.state;
    expect(onvif.image.brightness).toEqual({
      currentValue: imaging.brightness,
      supportedRange: { minVal: imagingOptions.brightness.min, maxVal: imagingOptions.brightness.max },
    });
    expect(onvif.image.wideDynamicRange).toMatchObject({
      currentMode: imaging.wdr.mode,
      currentValue: imaging.wdr.level,
      supportedRange: { minVal: imagingOptions.wdrLevel.min, maxVal: imagingOptions.wdrLevel.max },
    });
    expect(onvif.ptz).toMatchObject({
      panTilt: { currentPosition: { x: sim.state.ptzPosition.x, y: sim.state.ptzPosition.y } },
      zoom: { currentPosition: sim.state.ptzPosition.zoom },
      homeSupported: true,
    });
    expect(onvif.presets).toEqual([]);
  });

  it('each field the device cannot answer is null with its status; the camera still resolves', async () => {
    const bare = await readAll(cam.bare);
    expect(bare.data.camera).toMatchObject({ id: cam.bare, onvif: { info: null, ptz: null, presets: null } });
    const statuses = new Set((bare.errors ?? []).map((e: any) => `${e.extensions.code}/${e.extensions.status}`));
    expect([...statuses]).toEqual(['INVALID_REQUEST/onvif_not_configured']);
    expect(bare.errors).toHaveLength(7);

    const noPtzBody = await readAll(cam.noPtz);
    expect(noPtzBody.data.camera.onvif).toMatchObject({ info: { model: 'Mockup Model' }, ptz: null, presets: null });
    expect((noPtzBody.errors ?? []).map((e: any) => [e.path.at(-1), e.extensions.status]).sort()).toEqual([
      ['presets', 'onvif_unsupported_action'],
      ['ptz', 'onvif_unsupported_action'],
    ]);
  });
});

describe('mutations, read back from the device', () => {
  it('sets the network ports and a stream encoder', async () => {
    expect(await mutate('updateOnvifNetwork', '', cam.main, admin.token, { https: 8443 })).toEqual(OK);
    expect(sim.state.network.HTTPS.port).toBe(8443);
    const encoder = {
      streamProfile: 'SUB_STREAM_1',
      encoder: 'H264',
      resolution: { width: 1280, height: 720 },
      framerate: 12,
      bitrate: 640,
      govLength: 24,
    };
    expect(await mutate('updateOnvifStreamEncoder', '', cam.main, admin.token, encoder)).toEqual(OK);
    const { streams } = (await readAll()).data.camera.onvif;
    expect(streams[1]).toMatchObject({
      currentResolution: { width: 1280, height: 720 },
      currentFramerate: 12,
      currentBitrate: 640,
      currentGovLength: 24,
    });
  });

  it('applies each of the nine imaging updates', async () => {
    const updates: [string, string][] = [
      ['updateOnvifImageBrightness', 'value: 0'],
      ['updateOnvifImageContrast', 'value: 40'],
      ['updateOnvifImageSaturation', 'value: 41'],
      ['updateOnvifImageSharpness', 'value: 42'],
      ['updateOnvifImageBacklight', 'mode: ON'],
      ['updateOnvifImageIrCutFilter', 'mode: ON'],
      ['updateOnvifImageExposure', 'value: 15000'],
      ['updateOnvifImageWideDynamicRange', 'mode: ON, value: 60'],
      ['updateOnvifImageWhiteBalance', 'mode: MANUAL, crGain: 110, cbGain: 120'],
    ];
    for (const [field, args] of updates) expect(await mutate(field, args), field).toEqual(OK);
    const { image } = (await readAll()).data.camera.onvif;
    expect(image).toMatchObject({
      brightness: { currentValue: 0 },
      contrast: { currentValue: 40 },
      colorSaturation: { currentValue: 41 },
      sharpness: { currentValue: 42 },
      backlightCompensation: { currentMode: 'ON' },
      irCutFilter: { currentMode: 'ON' },
      exposure: { currentRange: { maxVal: 15_000 } },
      wideDynamicRange: { currentMode: 'ON', currentValue: 60 },
      whiteBalance: { currentMode: 'MANUAL', currentCrGainValue: 110, currentCbGainValue: 120 },
    });
  });

  it('moves, saves and applies home, and creates, lists, applies and deletes a preset', async () => {
    sim.state.ptzPosition = { x: 0.5, y: 0.5, zoom: 0 };
    expect(await mutate('moveOnvifPtz', 'move: DOWN, step: 2', cam.main, operator.token)).toEqual(OK);
    expect(sim.state.ptzPosition.y).toBeCloseTo(0.3);
    expect(await mutate('saveOnvifPtzHome', '', cam.main, operator.token)).toEqual(OK);
    const home = { ...sim.state.ptzPosition };
    expect(await mutate('createOnvifPtzPreset', 'name: "Dock <2>"')).toEqual(OK);
    const presets = await stack.gql(
      `query($id: ID!) { camera(id: $id) { onvif { presets } } }`,
      { id: cam.main },
      operator.token,
    );
    expect(presets.body.data.camera.onvif.presets).toEqual(['Dock <2>']);
    expect(await mutate('moveOnvifPtz', 'zoom: ZOOM_IN, step: 4', cam.main, operator.token)).toEqual(OK);
    expect(sim.state.ptzPosition).not.toEqual(home);
    expect(await mutate('applyOnvifPtzPreset', 'name: "Dock <2>"', cam.main, operator.token)).toEqual(OK);
    expect(sim.state.ptzPosition).toEqual(home);
    expect(await mutate('moveOnvifPtz', 'move: RIGHT, step: 1', cam.main, operator.token)).toEqual(OK);
    expect(await mutate('applyOnvifPtzHome', '', cam.main, operator.token)).toEqual(OK);
    expect(sim.state.ptzPosition).toEqual(home);
    expect(await mutate('deleteOnvifPtzPreset', 'name: "Dock <2>"')).toEqual(OK);
    expect(sim.state.presets).toEqual([]);
  });

  it('audits each change with the spec action type', async () => {
    const res = await stack.rest('GET', '/auditlogs', { token: admin.token, query: { limit: 100 } });
    expectSpec(res, 200);
    const types = (res.body.auditlogs as { action_type: string }[]).map((e) => e.action_type);
    for (const type of ONVIF_CHANGE_ACTIONS) expect(types, type).toContain(type);
    expect(types.filter((t) => t === 'onvif_image_update')).toHaveLength(9);
  });
});

describe('errors as typed mutation results', () => {
  it('onvif_not_configured, onvif_unsupported_action and onvif_invalid_argument change nothing', async () => {
    expect(await mutate('updateOnvifImageContrast', 'value: 10', cam.bare)).toEqual(refused('onvif_not_configured'));
    expect(await mutate('saveOnvifPtzHome', '', cam.noPtz)).toEqual(refused('onvif_unsupported_action'));
    expect(await mutate('createOnvifPtzPreset', 'name: "A"', cam.noPtz)).toEqual(refused('onvif_unsupported_action'));
    const contrast = sim.state.imaging.contrast;
    expect(await mutate('updateOnvifImageContrast', 'value: 999')).toEqual(refused('onvif_invalid_argument'));
    expect(await mutate('updateOnvifImageWideDynamicRange', 'value: -5')).toEqual(refused('onvif_invalid_argument'));
    expect(sim.state.imaging.contrast).toBe(contrast);
    expect(await mutate('deleteOnvifPtzPreset', 'name: "Nothing"')).toEqual(refused('onvif_invalid_argument'));
    expect(await mutate('updateOnvifNetwork', '', cam.main, admin.token, {})).toEqual(
      refused('onvif_invalid_argument'),
    );
  });

  it("another organization's or an unknown camera is NotFoundError; a missing permission FORBIDDEN", async () => {
    const notFound = { __typename: 'NotFoundError', message: expect.any(String) };
    expect(await mutate('applyOnvifPtzHome', '', cam.main, outsider.token)).toEqual(notFound);
    expect(await mutate('updateOnvifImageSharpness', 'value: 1', randomUUID())).toEqual(notFound);
    const forbidden = await stack.gql(
      `mutation($id: ID!) { deleteOnvifPtzPreset(cameraId: $id, name: "A") { __typename } }`,
      { id: cam.main },
      operator.token,
    );
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const tooLong = await stack.gql(
      `mutation($id: ID!) { updateOnvifUserPassword(cameraId: $id, username: "admin", password: "${'x'.repeat(17)}") { __typename } }`,
      { id: cam.main },
      admin.token,
    );
    expect(tooLong.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an unreachable device is an UNAVAILABLE error', async () => {
    await gone.stop();
    const res = await stack.gql(
      `mutation($id: ID!) { saveOnvifPtzHome(cameraId: $id) { __typename } }`,
      { id: cam.gone },
      admin.token,
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
  });
});

describe('a slow device and a device with a skewed clock', () => {
  const INFO = `query($id: ID!) { camera(id: $id) { onvif { info { model } } } }`;

  it('a device slower than ONVIF_TIMEOUT_MS is 503 over REST and UNAVAILABLE over GraphQL', async () => {
    expectSpec(await stack.rest('GET', `/onvif/${cam.slow}`, { token: admin.token }), 200);
    slow.state.delayMs = 3 * ONVIF_TIMEOUT_MS;
    const calls: [string, () => Promise<unknown>][] = [
      [
        'REST',
        async () => {
          const res = await stack.rest('GET', `/onvif/${cam.slow}/image`, { token: admin.token });
          expectSpec(res, 503);
          expect(res.body).toEqual({ status: 'temporarily_unavailable', status_code: 503, detail: expect.any(String) });
        },
      ],
      [
        'query',
        async () => {
          const res = await stack.gql(INFO, { id: cam.slow }, admin.token);
          expect(res.body.data.camera.onvif.info).toBeNull();
          expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
        },
      ],
      [
        'mutation',
        async () => {
          const query = `mutation($id: ID!) { stopOnvifPtz(cameraId: $id) { __typename } }`;
          const res = await stack.gql(query, { id: cam.slow }, operator.token);
          expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
        },
      ],
    ];
    for (const [name, call] of calls) {
      const started = Date.now();
      await call();
      const took = Date.now() - started;
      expect(took, name).toBeGreaterThanOrEqual(ONVIF_TIMEOUT_MS - 100);
      expect(took, name).toBeLessThan(2 * ONVIF_TIMEOUT_MS);
    }
  }, 90_000);

  it('a device whose clock is hours off accepts the digests, also after its clock moved', async () => {
    const res = await stack.rest('GET', `/onvif/${cam.skewed}`, { token: admin.token });
    expectSpec(res, 200);
    expect(res.body.model).toBe('Mockup Model');
    skewed.state.clockSkewMs = -2 * 3600_000;
    const gql = await stack.gql(INFO, { id: cam.skewed }, admin.token);
    expect(gql.body).toEqual({ data: { camera: { onvif: { info: { model: 'Mockup Model' } } } } });
    expect(await mutate('updateOnvifImageSharpness', 'value: 7', cam.skewed)).toEqual(OK);
    expect(skewed.state.imaging.sharpness).toBe(7);
  });
});

describe('a device password changed over GraphQL', () => {
  it('makes the next call onvif_unauthenticated until the camera settings carry it', async () => {
    expect(await mutate('updateOnvifUserPassword', 'username: "admin", password: "gql-pass-2"')).toEqual(OK);
    expect(sim.state.users.find((u) => u.username === 'admin')!.password).toBe('gql-pass-2');
    const info = await stack.gql(
      `query($id: ID!) { camera(id: $id) { onvif { info { model } } } }`,
      { id: cam.main },
      admin.token,
    );
    expect(info.body.data.camera.onvif.info).toBeNull();
    expect(info.body.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_REQUEST',
      status: 'onvif_unauthenticated',
    });
    expect(await mutate('updateOnvifImageContrast', 'value: 20')).toEqual(refused('onvif_unauthenticated'));
    expect(JSON.stringify(info.body)).not.toMatch(/gql-pass/);

    const update = await stack.gql(
      `mutation($id: ID!, $input: CameraInput!) { updateCamera(id: $id, input: $input) { __typename } }`,
      {
        id: cam.main,
        input: {
          name: stack.unique('Onvif '),
          placeId,
          source: { url: 'rtsp://127.0.0.1:9/none' },
          onvifHost: sim.host,
          onvifPort: sim.port,
          onvifLogin: 'admin',
          onvifPassword: 'gql-pass-2',
        },
      },
      admin.token,
    );
    expect(update.body.errors).toBeUndefined();
    const again = await stack.gql(
      `query($id: ID!) { camera(id: $id) { onvif { info { model } } } }`,
      { id: cam.main },
      admin.token,
    );
    expect(again.body).toEqual({ data: { camera: { onvif: { info: { model: 'Mockup Model' } } } } });

    const audit = await stack.rest('GET', '/auditlogs', {
      token: admin.token,
      query: { action_types: 'onvif_user_update' },
    });
    expectSpec(audit, 200);
    expect(audit.body.auditlogs.map((e: { meta: unknown }) => e.meta)).toEqual([
      { camera_id: cam.main, username: 'admin' },
    ]);
    expect(JSON.stringify(audit.body)).not.toMatch(/gql-pass/);
  });
});
