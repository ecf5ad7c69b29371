import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputValidationError, InvalidRequestError, UnauthenticatedError, signToken } from '@argus/core';
import { ADMIN, CLIENT_IP, PASSWORD, openIdentity, testConfig, rejection, type Identity } from '../../test/fixtures.js';

let id: Identity;
let organizationId: number;

beforeAll(async () => {
  id = await openIdentity();
  organizationId = (await id.organization()).id;
});
afterAll(() => id?.close());

const grant = (username: string, password: string) => ({ grantType: 'password', username, password });

describe('login (password grant)', () => {
  it('gives an access and a refresh token for the right password, whatever the email case', async () => {
    const { row } = await id.user({ organizationId, email: 'Login.Case@Example.test' });
    const pair = await id.services.tokens.login(grant('login.case@example.TEST', PASSWORD));
    expect(pair).toMatchObject({ tokenType: 'bearer', expiresIn: 900 });
    expect(decodeJwt(pair.accessToken)).toMatchObject({ sub: String(row.id), kind: 'access' });
    expect(decodeJwt(pair.refreshToken)).toMatchObject({ sub: String(row.id), kind: 'refresh' });
    const viewer = await id.services.tokens.authenticate(pair.accessToken, CLIENT_IP);
    expect(viewer).toMatchObject({ userId: row.id, organizationId, isSuperuser: false, clientIp: CLIENT_IP });
    expect(viewer.permissions).toContain('user_read');
    expect(viewer.permissions).not.toContain('user_create');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const { row } = await id.user({ organizationId });
    for (const attempt of [grant(row.email, 'wrong-password'), grant('nobody@example.test', PASSWORD)]) {
      const error = await rejection(id.services.tokens.login(attempt));
      expect(error).toBeInstanceOf(UnauthenticatedError);
      expect(error.status).toBe('token_invalid_credentials');
    }
  });

  it('refuses a grant type other than password and missing fields', async () => {
    const wrongGrant = await rejection(
      id.services.tokens.login({ grantType: 'client_credentials', username: ADMIN.email, password: ADMIN.password }),
    );
    expect(wrongGrant).toBeInstanceOf(InputValidationError);
    expect(wrongGrant).toMatchObject({ field: ['grantType'], kind: 'wrong_format' });
    const noPassword = await rejection(id.services.tokens.login({ username: ADMIN.email }));
    expect(noPassword).toMatchObject({ field: ['password'], kind: 'missing' });
  });

  it('writes a user_login entry with the user, organization and client IP', async () => {
    const { row } = await id.user({ organizationId });
    await id.services.tokens.login(grant(row.email, PASSWORD), '198.51.100.23');
    const { items } = await id.services.auditLogs.list(id.admin, {
      userIds: [row.id],
      actionTypes: ['user_login'],
      limit: 10,
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      user_id: row.id,
      user_email: row.email,
      organization_id: organizationId,
      client_ip: '198.51.100.23',
    });
  });

  it('writes no user_login entry for a failed attempt', async () => {
    const { row } = await id.user({ organizationId });
    await rejection(id.services.tokens.login(grant(row.email, 'wrong-password')));
    const { items } = await id.services.auditLogs.list(id.admin, {
      userIds: [row.id],
      actionTypes: ['user_login'],
      limit: 10,
    });
    expect(items).toEqual([]);
  });
});

describe('refresh with rotation', () => {
  it('gives a new pair and refuses the used refresh token afterwards', async () => {
    const { row } = await id.user({ organizationId });
    const first = await id.services.tokens.login(grant(row.email, PASSWORD));
    const second = await id.services.tokens.refresh('refresh_token', first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await id.services.tokens.authenticate(second.accessToken)).userId).toBe(row.id);

    // the rotated-in refresh token works, once
    const third = await id.services.tokens.refresh('refresh_token', second.refreshToken);
    expect((await id.services.tokens.authenticate(third.accessToken)).userId).toBe(row.id);
    const reused = await rejection(id.services.tokens.refresh('refresh_token', second.refreshToken));
    expect(reused).toBeInstanceOf(InvalidRequestError);
    expect(reused.status).toBe('token_refresh_error');
  });

  it('revoking the rotated-in refresh token also refuses access tokens issued before the rotation', async () => {
    const { row } = await id.user({ organizationId });
    const first = await id.services.tokens.login(grant(row.email, PASSWORD));
    const second = await id.services.tokens.refresh('refresh_token', first.refreshToken);
    await id.services.tokens.revoke(second.refreshToken, 'refresh_token', CLIENT_IP);
    await expect(id.services.tokens.authenticate(first.accessToken)).rejects.toThrow(UnauthenticatedError);
    await expect(id.services.tokens.authenticate(second.accessToken)).rejects.toThrow(UnauthenticatedError);
  });

  it('on reuse of a rotated refresh token revokes every token of that login, not the other sessions', async () => {
    const { row } = await id.user({ organizationId });
    const first = await id.services.tokens.login(grant(row.email, PASSWORD));
    const other = await id.services.tokens.login(grant(row.email, PASSWORD));
    const second = await id.services.tokens.refresh('refresh_token', first.refreshToken);
    const third = await id.services.tokens.refresh('refresh_token', second.refreshToken);
    await expect(id.services.tokens.authenticate(third.accessToken)).resolves.toMatchObject({ userId: row.id });

    // the first refresh token, rotated two generations ago, comes back
    const reused = await rejection(id.services.tokens.refresh('refresh_token', first.refreshToken, CLIENT_IP));
    expect(reused).toBeInstanceOf(InvalidRequestError);
    expect(reused.status).toBe('token_refresh_error');

    for (const access of [first.accessToken, second.accessToken, third.accessToken]) {
      await expect(id.services.tokens.authenticate(access)).rejects.toThrow('Token has been revoked');
    }
    await expect(id.services.tokens.refresh('refresh_token', third.refreshToken)).rejects.toMatchObject({
      status: 'token_refresh_error',
    });
    // the other login of the same user is untouched
    await expect(id.services.tokens.authenticate(other.accessToken)).resolves.toMatchObject({ userId: row.id });
    await expect(id.services.tokens.refresh('refresh_token', other.refreshToken)).resolves.toHaveProperty(
      'accessToken',
    );

    const { items } = await id.services.auditLogs.list(id.admin, {
      userIds: [row.id],
      actionTypes: ['user_logout'],
      limit: 10,
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      client_ip: CLIENT_IP,
      meta: { token_kind: 'refresh', reason: 'refresh_token_reuse' },
    });
  });

  it('treats two concurrent uses of one refresh token as reuse: neither new pair stays valid', async () => {
    const { row } = await id.user({ organizationId });
    const first = await id.services.tokens.login(grant(row.email, PASSWORD));
    const outcomes = await Promise.allSettled([
      id.services.tokens.refresh('refresh_token', first.refreshToken),
      id.services.tokens.refresh('refresh_token', first.refreshToken),
    ]);
    const issued = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as InvalidRequestError] : []));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const error of refused) expect(error).toMatchObject({ status: 'token_refresh_error' });
    for (const pair of issued) {
      await expect(id.services.tokens.authenticate(pair.accessToken)).rejects.toThrow(UnauthenticatedError);
      await expect(id.services.tokens.refresh('refresh_token', pair.refreshToken)).rejects.toMatchObject({
        status: 'token_refresh_error',
      });
    }
    await expect(id.services.tokens.authenticate(first.accessToken)).rejects.toThrow(UnauthenticatedError);
  });

  it('presenting a refresh token revoked by logout again revokes nothing more and writes no second entry', async () => {
    const { row } = await id.user({ organizationId });
    const pair = await id.services.tokens.login(grant(row.email, PASSWORD));
    const other = await id.services.tokens.login(grant(row.email, PASSWORD));
    await id.services.tokens.revoke(pair.refreshToken, 'refresh_token');
    await expect(id.services.tokens.refresh('refresh_token', pair.refreshToken)).rejects.toMatchObject({
      status: 'token_refresh_error',
    });
    await expect(id.services.tokens.authenticate(other.accessToken)).resolves.toMatchObject({ userId: row.id });
    const { items } = await id.services.auditLogs.list(id.admin, {
      userIds: [row.id],
      actionTypes: ['user_logout'],
      limit: 10,
    });
    expect(items).toHaveLength(1);
    expect(items[0]!.meta).toEqual({ token_kind: 'refresh' });
  });

  it('refuses an access token, a forged token and a missing token as refresh tokens', async () => {
    const { row } = await id.user({ organizationId });
    const pair = await id.services.tokens.login(grant(row.email, PASSWORD));
    const forged = await signToken(
      { jti: randomUUID(), sub: String(row.id), kind: 'refresh' },
      600,
      'another-signing-key-that-is-long-enough!',
    );
    for (const token of [pair.accessToken, forged, 'not-a-jwt', null]) {
      const error = await rejection(id.services.tokens.refresh('refresh_token', token));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.status).toBe('token_refresh_error');
    }
  });
});

describe('revocation', () => {
  it('refuses a revoked access token on the next request, and only that one', async () => {
    const { row } = await id.user({ organizationId });
    const a = await id.services.tokens.login(grant(row.email, PASSWORD));
    const b = await id.services.tokens.login(grant(row.email, PASSWORD));
    await id.services.tokens.revoke(a.accessToken, 'access_token', CLIENT_IP);
    await expect(id.services.tokens.authenticate(a.accessToken)).rejects.toThrow(UnauthenticatedError);
    await expect(id.services.tokens.authenticate(b.accessToken)).resolves.toMatchObject({ userId: row.id });
    const { items } = await id.services.auditLogs.list(id.admin, {
      userIds: [row.id],
      actionTypes: ['user_logout'],
      limit: 10,
    });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ organization_id: organizationId, client_ip: CLIENT_IP });
  });

  it('revoking a refresh token refuses every access token issued from it, and the refresh token itself', async () => {
    const { row } = await id.user({ organizationId });
    const first = await id.services.tokens.login(grant(row.email, PASSWORD));
    const rotated = await id.services.tokens.refresh('refresh_token', first.refreshToken);
    const other = await id.services.tokens.login(grant(row.email, PASSWORD));

    await id.services.tokens.revoke(rotated.refreshToken, 'refresh_token');
    await expect(id.services.tokens.authenticate(rotated.accessToken)).rejects.toThrow(UnauthenticatedError);
    await expect(id.services.tokens.refresh('refresh_token', rotated.refreshToken)).rejects.toMatchObject({
      status: 'token_refresh_error',
    });
    // tokens of another session are untouched
    await expect(id.services.tokens.authenticate(other.accessToken)).resolves.toMatchObject({ userId: row.id });
  });

  it('refuses tokens it did not sign', async () => {
    const forged = await signToken(
      { jti: randomUUID(), sub: '1', kind: 'access' },
      600,
      'another-signing-key-that-is-long-enough!',
    );
    await expect(id.services.tokens.revoke(forged, null)).rejects.toMatchObject({ status: 'token_revoke_error' });
    await expect(id.services.tokens.authenticate(forged)).rejects.toThrow(UnauthenticatedError);
  });
});

describe('authenticate', () => {
  it('refuses an expired access token', async () => {
    const { row } = await id.user({ organizationId });
    // long enough to be valid right after a sign-in on a loaded machine (argon2 takes its time)
    const shortLived = id.servicesWith({ accessTokenTtlSeconds: 4 });
    const pair = await shortLived.tokens.login(grant(row.email, PASSWORD));
    await expect(shortLived.tokens.authenticate(pair.accessToken)).resolves.toMatchObject({ userId: row.id });
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    await expect(shortLived.tokens.authenticate(pair.accessToken)).rejects.toThrow(/expired/);
  });

  it('refuses a stored token re-signed with a past expiry', async () => {
    const { row } = await id.user({ organizationId });
    const pair = await id.services.tokens.login(grant(row.email, PASSWORD));
    const claims = decodeJwt(pair.accessToken) as { jti: string; sid: string };
    const expired = await signToken(
      { jti: claims.jti, sub: String(row.id), kind: 'access', sid: claims.sid },
      -60,
      testConfig().tokenSigningKey,
    );
    await expect(id.services.tokens.authenticate(expired)).rejects.toThrow(UnauthenticatedError);
    await expect(id.services.tokens.authenticate(pair.accessToken)).resolves.toMatchObject({ userId: row.id });
  });

  it('refuses a refresh token used as an access token', async () => {
    const { row } = await id.user({ organizationId });
    const pair = await id.services.tokens.login(grant(row.email, PASSWORD));
    await expect(id.services.tokens.authenticate(pair.refreshToken)).rejects.toThrow(UnauthenticatedError);
  });

  it('refuses the tokens of a deleted user', async () => {
    const { row } = await id.user({ organizationId });
    const pair = await id.services.tokens.login(grant(row.email, PASSWORD));
    await id.services.users.delete(id.admin, row.id);
    await expect(id.services.tokens.authenticate(pair.accessToken)).rejects.toThrow(UnauthenticatedError);
    await expect(id.services.tokens.refresh(null, pair.refreshToken)).rejects.toMatchObject({
      status: 'token_refresh_error',
    });
  });

  it('gives a superuser every permission through the administrator role', async () => {
    const pair = await id.services.tokens.login(grant(ADMIN.email, ADMIN.password));
    const viewer = await id.services.tokens.authenticate(pair.accessToken);
    expect(viewer).toMatchObject({
      isSuperuser: true,
      organizationId: id.internalOrganizationId,
      roleId: id.roles.administrator,
    });
    expect(viewer.permissions).toContain('organization_delete');
  });
});
