import { describe, expect, it } from 'vitest';
import { mediaEngineConfig, parseTags } from './config.js';

const KEYS = {
  ARGUS_DATA_DIR: '/tmp/argus-engine-config-test',
  ARGUS_TOKEN_SIGNING_KEY: 'k'.repeat(40),
  ARGUS_INTERNAL_KEY: 'i'.repeat(40),
};

describe('mediaEngineConfig', () => {
  it('has defaults that fail a server over well within 30 s', () => {
    const config = mediaEngineConfig(KEYS);
    expect(config).toMatchObject({
      heartbeatMs: 3000,
      ttlMs: 10_000,
      leaseGuardMs: 2000,
      group: null,
      tags: [],
      streamServerHost: null,
      port: 0,
    });
    expect(config.streamServerId).toMatch(new RegExp(`-${process.pid}$`));
    expect(config.topologyUrl).toBe('http://127.0.0.1:4002/graphql');
    expect(config.recordingsDir).toBe('/tmp/argus-engine-config-test/recordings');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("bounds each ONVIF request by ONVIF_TIMEOUT_MS (5 s by default, not the onvif package's 120 s)", () => {
    expect(mediaEngineConfig(KEYS).onvifTimeoutMs).toBe(5000);
    expect(mediaEngineConfig({ ...KEYS, ONVIF_TIMEOUT_MS: '1500' }).onvifTimeoutMs).toBe(1500);
    expect(() => mediaEngineConfig({ ...KEYS, ONVIF_TIMEOUT_MS: '10' })).toThrow(/ONVIF_TIMEOUT_MS/);
  });

  it('reads the stream server settings', () => {
    const config = mediaEngineConfig({
      ...KEYS,
      STREAMSERVER_ID: 'edge-1',
      STREAMSERVER_GROUP: 'north',
      STREAMSERVER_TAGS: 'gpu, lpr,,gpu',
      STREAMSERVER_HOST: 'edge-1.lan',
      STREAMSERVER_HEARTBEAT_MS: '500',
      STREAMSERVER_TTL_MS: '2000',
      TOPOLOGY_URL: 'http://topo:4002/graphql',
      RECORDINGS_DIR: '/srv/rec',
    });
    expect(config).toMatchObject({
      streamServerId: 'edge-1',
      group: 'north',
      tags: ['gpu', 'lpr'],
      streamServerHost: 'edge-1.lan',
      heartbeatMs: 500,
      ttlMs: 2000,
      leaseGuardMs: 400,
      topologyUrl: 'http://topo:4002/graphql',
      recordingsDir: '/srv/rec',
    });
  });

  it('refuses a heartbeat that cannot renew leases in time, and odd ids', () => {
    expect(() => mediaEngineConfig({ ...KEYS, STREAMSERVER_HEARTBEAT_MS: '9000' })).toThrow(
      /must be less than STREAMSERVER_TTL_MS/,
    );
    expect(() => mediaEngineConfig({ ...KEYS, STREAMSERVER_ID: 'a b' })).toThrow(/STREAMSERVER_ID/);
  });

  it('parses tags', () => {
    expect(parseTags(undefined)).toEqual([]);
    expect(parseTags(' a ,b,a, ')).toEqual(['a', 'b']);
  });
});
