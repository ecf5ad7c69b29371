import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ForbiddenError,
  InputValidationError,
  InvalidRequestError,
  NotFoundError,
  UnavailableError,
  type AuditEntry,
  type Viewer,
} from '@argus/core';
import { OnvifCallError } from '@argus/media-engine/client';
import { OnvifEngines, type OnvifEngine } from './onvif-engines.js';
import { OnvifService } from './onvif.service.js';

const CAMERA = '6f1c2a8e-1b2c-4d5e-8f90-123456789abc';
const OTHER = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const viewer = (permissions: Viewer['permissions']): Viewer => ({
  userId: 7,
  organizationId: 3,
  isSuperuser: false,
  roleId: 1,
  permissions,
  groupIds: [],
  tokenId: 't',
});

/** A service over a topology that sees only CAMERA, an engine that records its calls, an audit log in memory. */
function serviceWith(answer: (operation: string, args: unknown) => unknown) {
  const calls: { operation: string; cameraId?: string; args: unknown }[] = [];
  const audit: AuditEntry[] = [];
  const engine: OnvifEngine = {
    call: (async (operation: string, cameraId: string, args: unknown) => {
      calls.push({ operation, cameraId, args });
      return answer(operation, args);
    }) as OnvifEngine['call'],
    discover: async (args) => {
      calls.push({ operation: 'discover', args });
      return { devices: [] };
    },
  };
  const service = new OnvifService({
    cameras: { visible: async (_, id) => (id === CAMERA ? { id, name: 'Gate' } : null) },
    engines: { forCamera: async () => engine, forDiscovery: async () => engine },
    audit: { record: async (_, entry) => void audit.push(entry) },
  });
  return { service, calls, audit };
}

describe('OnvifService', () => {
  it('checks the permission first, then that the caller sees the camera', async () => {
    const { service, calls } = serviceWith(() => ({ status: 'ok' }));
    await expect(service.read(viewer([]), CAMERA, 'getOnvifCameraInfo')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      service.change(viewer(['onvif_update']), CAMERA, 'createOnvifPtzPreset', { presetName: 'A' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.read(viewer(['onvif_read']), OTHER, 'getOnvifPtz')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.read(viewer(['onvif_read']), 'not-a-uuid', 'getOnvifPtz')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(calls).toEqual([]);
  });

  it('audits a change with its action type and snake_case meta, never the password', async () => {
    const { service, calls, audit } = serviceWith(() => ({ status: 'ok' }));
    const caller = viewer(['onvif_update']);
    await expect(
      service.change(caller, CAMERA, 'updateOnvifUserPassword', { username: 'admin', password: 'p4ss' }),
    ).resolves.toEqual({ ok: true });
    await service.change(caller, CAMERA, 'updateOnvifImageWhiteBalance', {
      mode: 'MANUAL',
      crGain: 10,
      cbGain: undefined,
    });
    expect(calls.map((c) => c.args)).toEqual([
      { username: 'admin', password: 'p4ss' },
      { mode: 'MANUAL', crGain: 10 },
    ]);
    expect(audit).toEqual([
      { actionType: 'onvif_user_update', meta: { camera_id: CAMERA, username: 'admin' } },
      {
        actionType: 'onvif_image_update',
        meta: { camera_id: CAMERA, setting: 'white_balance', mode: 'MANUAL', cr_gain: 10 },
      },
    ]);
  });

  it('refuses arguments before asking the device: field errors and onvif_invalid_argument', async () => {
    const { service, calls, audit } = serviceWith(() => ({ status: 'ok' }));
    const caller = viewer(['onvif_update', 'onvif_create']);
    const invalid = expect.objectContaining({ status: 'onvif_invalid_argument' });
    await expect(service.change(caller, CAMERA, 'updateOnvifPtz', { step: 3 })).rejects.toEqual(invalid);
    await expect(service.change(caller, CAMERA, 'updateOnvifPtz', { move: 'UP', step: 11 })).rejects.toBeInstanceOf(
      InputValidationError,
    );
    await expect(service.change(caller, CAMERA, 'updateOnvifNetwork', { http: 0 })).rejects.toEqual(invalid);
    await expect(
      service.change(caller, CAMERA, 'updateOnvifUserPassword', { username: 'a', password: 'pässwort' }),
    ).rejects.toEqual(invalid);
    await expect(service.change(caller, CAMERA, 'createOnvifPtzPreset', { presetName: ' ' })).rejects.toEqual(invalid);
    await expect(
      service.change(caller, CAMERA, 'createOnvifPtzPreset', { presetName: 'x'.repeat(65) }),
    ).rejects.toMatchObject({ field: ['name'], kind: 'too_long' });
    expect(calls).toEqual([]);
    expect(audit).toEqual([]);
  });

  it("answers the engine's failures as the API's errors and audits nothing", async () => {
    const failures: Record<string, OnvifCallError> = {
      getOnvifCameraInfo: new OnvifCallError('onvif_unauthenticated', 'refused'),
      getOnvifPtz: new OnvifCallError('onvif_unsupported_action', 'no PTZ'),
      getOnvifImage: new OnvifCallError('temporarily_unavailable', 'timeout'),
      getOnvifNetwork: new OnvifCallError('not_found', 'gone'),
      listOnvifUsers: new OnvifCallError('internal_error', 'bad'),
      updateOnvifImageBrightness: new OnvifCallError('onvif_invalid_argument', 'out of range'),
    };
    const { service, audit } = serviceWith((operation) => {
      throw failures[operation];
    });
    const caller = viewer(['onvif_read', 'onvif_update']);
    await expect(service.read(caller, CAMERA, 'getOnvifCameraInfo')).rejects.toEqual(
      new InvalidRequestError('refused', 'onvif_unauthenticated'),
    );
    await expect(service.read(caller, CAMERA, 'getOnvifPtz')).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      status: 'onvif_unsupported_action',
    });
    await expect(service.read(caller, CAMERA, 'getOnvifImage')).rejects.toBeInstanceOf(UnavailableError);
    await expect(service.read(caller, CAMERA, 'getOnvifNetwork')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.read(caller, CAMERA, 'listOnvifUsers')).rejects.toBeInstanceOf(OnvifCallError);
    await expect(service.change(caller, CAMERA, 'updateOnvifImageBrightness', { value: 999 })).rejects.toMatchObject({
      status: 'onvif_invalid_argument',
    });
    expect(audit).toEqual([]);
  });

  it('discovery needs camera_create and a listening time of 100 ms to 10 s', async () => {
    const { service, calls } = serviceWith(() => undefined);
    await expect(service.discover(viewer(['onvif_read']), {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.discover(viewer(['camera_create']), { timeoutMs: 50 })).rejects.toMatchObject({
      field: ['timeoutMs'],
    });
    await expect(service.discover(viewer(['camera_create']), { device: 'lo && x' })).rejects.toMatchObject({
      field: ['networkInterface'],
    });
    await expect(
      service.discover(viewer(['camera_create']), { timeoutMs: 500, device: 'lo', streamServerId: null }),
    ).resolves.toEqual({ devices: [] });
    expect(calls).toEqual([{ operation: 'discover', args: { timeoutMs: 500, device: 'lo' } }]);
  });
});

describe('OnvifEngines', () => {
  const hits: string[] = [];
  const servers: Server[] = [];
  const hosts: string[] = [];

  beforeAll(async () => {
    for (const name of ['owner', 'other']) {
      const server = createServer((req, res) => {
        hits.push(name);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { presets: [name] } }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      hosts.push(`127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  const engines = (owner: string | null | undefined, live: (string | null)[]) =>
    new OnvifEngines({
      owners: { ownerOf: async () => (owner === undefined ? undefined : { streamServerId: 'a', host: owner }) },
      servers: { listLive: async () => live.map((host, i) => ({ id: `s${i}`, host })) },
      internalKey: 'k'.repeat(32),
    });

  it("asks the engine holding the camera's lease, else a live one; none is UnavailableError", async () => {
    const presets = async (e: OnvifEngines) =>
      (await (await e.forCamera(CAMERA)).call('listOnvifPtzPresets', CAMERA, {})).presets;
    expect(await presets(engines(hosts[0], [hosts[1]!]))).toEqual(['owner']);
    expect(await presets(engines(undefined, [null, hosts[1]!]))).toEqual(['other']);
    expect(await presets(engines(null, [hosts[1]!]))).toEqual(['other']);
    await expect(engines(undefined, [null]).forCamera(CAMERA)).rejects.toBeInstanceOf(UnavailableError);
    expect(hits).toEqual(['owner', 'other', 'other']);
  });

  it('discovers on the stream server named, which must be live', async () => {
    await expect(engines(undefined, [hosts[1]!]).forDiscovery('s9')).rejects.toBeInstanceOf(NotFoundError);
    await expect(engines(undefined, [null]).forDiscovery('s0')).rejects.toBeInstanceOf(UnavailableError);
    await expect(engines(undefined, []).forDiscovery()).rejects.toBeInstanceOf(UnavailableError);
  });
});
