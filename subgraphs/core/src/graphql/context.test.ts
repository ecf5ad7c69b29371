import { describe, expect, it } from 'vitest';
import type { Authenticator } from '../auth/authenticator.js';
import { encodeAnonymous, encodeViewer, VIEWER_HEADER } from '../auth/viewer-header.js';
import type { Viewer } from '../auth/viewer.js';
import { UnauthenticatedError } from '../errors.js';
import { requestContext } from './context.js';

const KEY = 'internal-key-for-unit-tests-0123456789';
const viewer: Viewer = {
  userId: 7,
  organizationId: 3,
  isSuperuser: false,
  roleId: 2,
  permissions: [],
  groupIds: [],
  tokenId: 't',
};
/** the identity part's token check, at its boundary: "good" is the only token it knows */
const authenticator: Authenticator = {
  authenticate: async (token) => {
    if (token === 'good') return viewer;
    throw new UnauthenticatedError('Invalid token');
  },
};
const sources = { internalKey: KEY, authenticator };
const context = (headers: Record<string, string>) => requestContext(new Headers(headers), '192.0.2.1', sources);

describe('requestContext', () => {
  it("takes the router's signed viewer, or an anonymous caller it signed (with the client's address)", async () => {
    expect(await context({ [VIEWER_HEADER]: encodeViewer(viewer, KEY), 'x-request-id': 'r1' })).toEqual({
      viewer,
      requestId: 'r1',
      clientIp: '192.0.2.1',
    });
    const anonymous = await context({ [VIEWER_HEADER]: encodeAnonymous(KEY, '198.51.100.4') });
    expect(anonymous.viewer).toBeUndefined();
    expect(anonymous.clientIp).toBe('198.51.100.4');
  });

  it('takes a valid bearer token of a direct call', async () => {
    expect((await context({ authorization: 'Bearer good' })).viewer).toEqual(viewer);
  });

  it('refuses a call with no credentials, a bad token, a non-bearer header or a forged signature', async () => {
    await expect(context({})).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(context({ authorization: 'Bearer bad' })).rejects.toThrow('Invalid token');
    await expect(context({ authorization: 'Basic dXNlcjpwYXNz' })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(context({ [VIEWER_HEADER]: encodeAnonymous('another-key') })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(context({ [VIEWER_HEADER]: encodeViewer(viewer, 'another-key') })).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('falls back to the bearer token when the signature does not hold', async () => {
    expect((await context({ [VIEWER_HEADER]: 'forged.header', authorization: 'Bearer good' })).viewer).toEqual(viewer);
  });
});
