import {
  DEFAULT_STREAM_ALLOWED_NETWORKS,
  InvalidRequestError,
  parseNetworks,
  StreamTargetGuard,
  StreamTargetRefused,
  type Resolver,
  type Viewer,
} from '@argus/core';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '@argus/media-engine/client';
import { StreamService, type StreamServiceOptions } from './stream.service.js';

/** Names resolve from this table; anything else does not resolve. */
const DNS: Record<string, string[]> = {
  'cam.lan': ['192.168.1.20'],
  'metadata.evil': ['169.254.169.254'],
  'mixed.evil': ['8.8.8.8', '127.0.0.1'],
  'public.example': ['203.0.114.7', '2606:4700::1111'],
  'v6.lan': ['fd00::20'],
};
const resolver: Resolver = async (host) => {
  const addresses = DNS[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe('StreamTargetGuard with the default allow-list', () => {
  const guard = new StreamTargetGuard(DEFAULT_STREAM_ALLOWED_NETWORKS, resolver);

  it.each([
    '127.0.0.1',
    '127.255.0.1',
    '::1',
    '0.0.0.0',
    '::',
    '169.254.169.254',
    'fe80::1',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    '100.64.1.1',
    '192.0.2.5',
    '198.18.0.1',
    '240.0.0.1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::7f00:1',
    '2002:7f00:1::',
  ])('refuses %s', (address) => {
    expect(guard.permits(address)).toBe(false);
  });

  it.each(['8.8.8.8', '2606:4700::1111', '10.1.2.3', '172.16.0.9', '192.168.1.20', 'fd12::1', '::ffff:192.168.1.20'])(
    'permits %s',
    (address) => {
      expect(guard.permits(address)).toBe(true);
    },
  );

  it('checks every address a name resolves to and connects to the checked one', async () => {
    expect(await guard.check('rtsp://user:p%40ss@cam.lan:8554/live?x=1')).toEqual({
      address: '192.168.1.20',
      link: 'rtsp://user:p%40ss@192.168.1.20:8554/live?x=1',
    });
    expect(await guard.check('rtsps://v6.lan/a')).toEqual({ address: 'fd00::20', link: 'rtsps://[fd00::20]/a' });
    await expect(guard.check('rtsp://metadata.evil/')).rejects.toBeInstanceOf(StreamTargetRefused);
    await expect(guard.check('rtsp://mixed.evil/')).rejects.toBeInstanceOf(StreamTargetRefused);
    await expect(guard.check('rtsp://[::1]:554/')).rejects.toBeInstanceOf(StreamTargetRefused);
    await expect(guard.check('rtsp://unknown.example/')).rejects.toThrow('ENOTFOUND');
  });

  it('takes loopback when the allow-list names it', async () => {
    const open = new StreamTargetGuard(parseNetworks('127.0.0.0/8,::1'), resolver);
    expect(open.permits('127.0.0.1')).toBe(true);
    expect(open.permits('::1')).toBe(true);
    expect(open.permits('192.168.1.1')).toBe(false);
    expect(open.permits('169.254.169.254')).toBe(false);
    expect(new StreamTargetGuard(parseNetworks('none')).permits('10.0.0.1')).toBe(false);
  });
});

describe('StreamService.verify', () => {
  const viewer = {
    userId: 1,
    organizationId: 1,
    isSuperuser: false,
    roleId: 1,
    permissions: ['stream_read'],
    groupIds: [],
  } as unknown as Viewer;
  const BOUND = 300;

  function service(results: Record<string, VerifyResult>, probed: string[] = []): StreamService {
    const options = {
      prober: {
        verify: async (link: string) => {
          probed.push(link);
          return results[link] ?? { ok: false, reason: 'unreachable', detail: 'Connection refused' };
        },
      },
      verifyTimeoutMs: BOUND,
      targets: new StreamTargetGuard(DEFAULT_STREAM_ALLOWED_NETWORKS, resolver),
    } as unknown as StreamServiceOptions;
    return new StreamService(options);
  }

  async function outcome(svc: StreamService, link: string): Promise<{ message: string; ms: number }> {
    const started = Date.now();
    try {
      await svc.verify(viewer, link);
      return { message: 'ok', ms: Date.now() - started };
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      return { message: (error as Error).message, ms: Date.now() - started };
    }
  }

  it('answers a closed port, a silent address and an unknown host with one message after the same time', async () => {
    const svc = service({
      'rtsp://192.168.1.21:554/x': { ok: false, reason: 'timeout', detail: 'no answer within 300 ms' },
    });
    const answers = await Promise.all(
      ['rtsp://192.168.1.20:554/x', 'rtsp://192.168.1.21:554/x', 'rtsp://unknown.example/x'].map((l) =>
        outcome(svc, l),
      ),
    );
    for (const { message, ms } of answers) {
      expect(message).toBe('Stream verification failed: unreachable');
      expect(ms).toBeGreaterThanOrEqual(BOUND - 5);
    }
  });

  it('refuses special targets at once without probing them, and probes the checked address', async () => {
    const probed: string[] = [];
    const svc = service({ 'rtsp://192.168.1.20/ok': { ok: true } }, probed);
    for (const link of ['rtsp://127.0.0.1:22/', 'rtsp://metadata.evil/', 'rtsp://[fe80::1]/']) {
      const { message, ms } = await outcome(svc, link);
      expect(message).toBe('Stream verification failed: the address of rtsp_link is not allowed');
      expect(ms).toBeLessThan(BOUND);
    }
    expect(await outcome(svc, 'rtsp://cam.lan/ok')).toMatchObject({ message: 'ok' });
    expect(probed).toEqual(['rtsp://192.168.1.20/ok']);
  });

  it('refuses links with control characters or that do not parse as rtsp links', async () => {
    for (const link of ['rtsp://cam.lan/\u0000', 'rtsp://cam.lan/a\nb', 'http://cam.lan/', 'rtsp://[bad/']) {
      expect((await outcome(service({}), link)).message).toBe('rtsp_link must be an rtsp:// or rtsps:// link');
    }
  });

  it('still says why a source that answers does not play', async () => {
    const svc = service({ 'rtsp://192.168.1.20/a': { ok: false, reason: 'unauthorized', detail: '401 Unauthorized' } });
    expect((await outcome(svc, 'rtsp://cam.lan/a')).message).toBe(
      'Stream verification failed: unauthorized (401 Unauthorized)',
    );
  });
});
