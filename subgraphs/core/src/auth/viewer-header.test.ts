import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeCaller, decodeViewer, encodeAnonymous, encodeCaller, encodeViewer } from './viewer-header.js';
import type { Viewer } from './viewer.js';

const KEY = 'internal-key-for-unit-tests-0123456789';
const viewer: Viewer = {
  userId: 7,
  organizationId: 3,
  isSuperuser: false,
  roleId: 2,
  permissions: ['camera_read'],
  groupIds: [],
  tokenId: 't',
  clientIp: '203.0.113.9',
};
const NOW = Date.UTC(2026, 0, 1);

/** A header whose payload is these claims, signed with `key`. */
function signed(claims: unknown, key = KEY): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${createHmac('sha256', key).update(payload).digest('base64url')}`;
}

describe('the signed caller header', () => {
  it('carries a viewer', () => {
    expect(decodeCaller(encodeViewer(viewer, KEY, NOW), KEY, NOW)).toEqual({ viewer, clientIp: '203.0.113.9' });
    expect(decodeViewer(encodeCaller(viewer, KEY, undefined, NOW), KEY, NOW)).toEqual(viewer);
  });

  it('carries an anonymous caller with its address, which is no viewer', () => {
    const header = encodeAnonymous(KEY, '198.51.100.4', NOW);
    expect(decodeCaller(header, KEY, NOW)).toEqual({ clientIp: '198.51.100.4' });
    expect(decodeCaller(encodeCaller(undefined, KEY, undefined, NOW), KEY, NOW)).toEqual({ clientIp: undefined });
    expect(decodeViewer(header, KEY, NOW)).toBeUndefined();
  });

  it('refuses another key, a changed payload, a stale or future one and malformed headers', () => {
    const header = encodeViewer(viewer, KEY, NOW);
    expect(decodeCaller(header, 'another-key', NOW)).toBeUndefined();
    const [, signature] = header.split('.');
    const forged = Buffer.from(JSON.stringify({ ...viewer, isSuperuser: true, iat: NOW / 1000 })).toString('base64url');
    expect(decodeCaller(`${forged}.${signature}`, KEY, NOW)).toBeUndefined();
    expect(decodeCaller(header, KEY, NOW + 301_000)).toBeUndefined();
    expect(decodeCaller(header, KEY, NOW - 301_000)).toBeUndefined();
    expect(decodeCaller(header, KEY, NOW + 299_000)).toBeDefined();
    for (const bad of [
      '',
      'abc',
      'abc.',
      `${header}.x`,
      signed('not an object'),
      signed({ anonymous: true }),
      signed({ userId: '1', iat: NOW / 1000 }),
    ]) {
      expect(decodeCaller(bad, KEY, NOW), bad).toBeUndefined();
    }
  });

  it('takes only `anonymous: true` as anonymous', () => {
    expect(decodeCaller(signed({ anonymous: 'yes', iat: NOW / 1000 }), KEY, NOW)).toBeUndefined();
    expect(decodeCaller(signed({ anonymous: true, iat: NOW / 1000 }), KEY, NOW)).toEqual({ clientIp: undefined });
  });
});
