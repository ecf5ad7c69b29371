import { describe, expect, it } from 'vitest';
import type { OnvifCamera, OnvifSettings } from './onvif-camera.js';
import { OnvifCameraPool } from './onvif-camera-pool.js';
import { OnvifService } from './onvif-service.js';

const settings = (host: string): OnvifSettings => ({ host, port: 80, login: 'admin', password: 'secret' });

/** A pool whose connections are plain objects, counting the connects it made. */
function poolOf(maxCameras: number) {
  const connects: string[] = [];
  const connect = async (s: OnvifSettings) => {
    connects.push(s.host);
    return { host: s.host } as unknown as OnvifCamera;
  };
  return { pool: new OnvifCameraPool(1_000, connect, maxCameras), connects };
}

describe('OnvifCameraPool', () => {
  it('reuses a camera’s connection until its settings change', async () => {
    const { pool, connects } = poolOf(10);
    expect((await pool.get('a', settings('h1'))).fresh).toBe(true);
    expect((await pool.get('a', settings('h1'))).fresh).toBe(false);
    expect((await pool.get('a', settings('h2'))).fresh).toBe(true);
    expect(connects).toEqual(['h1', 'h2']);
    expect(pool.size).toBe(1);
  });

  it('keeps at most maxCameras connections, dropping the least recently used', async () => {
    const { pool, connects } = poolOf(2);
    await pool.get('a', settings('a'));
    await pool.get('b', settings('b'));
    await pool.get('a', settings('a')); // a used last: b is the oldest
    await pool.get('c', settings('c'));
    expect(pool.size).toBe(2);
    expect((await pool.get('a', settings('a'))).fresh).toBe(false);
    expect((await pool.get('b', settings('b'))).fresh).toBe(true);
    expect(connects).toEqual(['a', 'b', 'c', 'b']);
  });

  it('does not keep a failed connect', async () => {
    let fail = true;
    const pool = new OnvifCameraPool(1_000, async () => {
      if (fail) throw new Error('refused');
      return {} as OnvifCamera;
    });
    await expect(pool.get('a', settings('a'))).rejects.toThrow('refused');
    expect(pool.size).toBe(0);
    fail = false;
    expect((await pool.get('a', settings('a'))).fresh).toBe(true);
  });
});

describe('OnvifService and its pool', () => {
  it('forgets the connection of a camera that was deleted or lost its ONVIF settings', async () => {
    const { pool } = poolOf(10);
    const known = new Map<string, { host: string | null; port: number; login: string; password: string }>();
    const service = new OnvifService({ settings: { settings: async (id) => known.get(id) }, timeoutMs: 1_000, pool });
    await pool.get('deleted', settings('h1'));
    await pool.get('unconfigured', settings('h2'));
    known.set('unconfigured', { host: null, port: 80, login: 'admin', password: 'secret' });
    await expect(service.run('getOnvifCameraInfo', 'deleted', {})).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.run('getOnvifCameraInfo', 'unconfigured', {})).rejects.toMatchObject({
      code: 'onvif_not_configured',
    });
    expect(pool.size).toBe(0);
  });
});
