import { randomUUID } from 'node:crypto';
import {
  InputValidationError,
  InvalidRequestError,
  UnauthenticatedError,
  signToken,
  verifyToken,
  isPermission,
  type Permission,
  type Viewer,
} from '@argus/core';
import type { IdentityConfig } from '../config.js';
import type { GroupRepository } from '../repositories/group.repository.js';
import type { RoleRepository } from '../repositories/role.repository.js';
import type { TokenRepository, TokenRow } from '../repositories/token.repository.js';
import type { UserRepository, UserRow } from '../repositories/user.repository.js';
import type { AuditLogService } from './audit-log.service.js';
import type { LoginThrottleService } from './login-throttle.service.js';
import { dummyPasswordHash, verifyPassword } from './password.js';

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'bearer';
  readonly expiresIn: number;
}

export interface PasswordGrant {
  readonly grantType?: string | null;
  readonly username?: string | null;
  readonly password?: string | null;
}

/** OAuth2 password grant, refresh with rotation, revocation, and the check every request goes through. */
export class TokenService {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly users: UserRepository,
    private readonly roles: RoleRepository,
    private readonly groups: GroupRepository,
    private readonly audit: AuditLogService,
    private readonly throttle: LoginThrottleService,
    private readonly config: Pick<
      IdentityConfig,
      'tokenSigningKey' | 'accessTokenTtlSeconds' | 'refreshTokenTtlSeconds'
    >,
  ) {}

  async login(grant: PasswordGrant, clientIp?: string): Promise<TokenPair> {
    if (grant.grantType !== undefined && grant.grantType !== null && grant.grantType !== 'password') {
      throw new InputValidationError('grant_type must be "password"', ['grantType'], 'wrong_format');
    }
    if (!grant.username) throw new InputValidationError('field required', ['username'], 'missing');
    if (!grant.password) throw new InputValidationError('field required', ['password'], 'missing');
    const user = await this.users.findWithHashByEmail(grant.username);
    // counted before the password is checked; a locked account answers alike whether it exists or not
    const onLock = (lockSeconds: number) => this.auditLock(user, clientIp, lockSeconds);
    const admission = await this.throttle.admit(grant.username, clientIp, onLock);
    const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), grant.password);
    if (!user || !valid) throw new UnauthenticatedError('Incorrect username or password', 'token_invalid_credentials');
    await this.throttle.succeeded(admission);
    const pair = await this.issue(user.id);
    const viewer = await this.viewerOf(user, pair.accessTokenId, clientIp);
    await this.audit.record(viewer, { actionType: 'user_login' });
    return pair.tokens;
  }

  /** A user_login entry (reason too_many_failed_logins) when failed sign-ins lock an existing account. */
  private async auditLock(user: UserRow | undefined, clientIp: string | undefined, lockSeconds: number): Promise<void> {
    if (!user) return;
    const viewer = await this.viewerOf(user, randomUUID(), clientIp);
    const meta = { outcome: 'refused', reason: 'too_many_failed_logins', locked_seconds: lockSeconds };
    await this.audit.record(viewer, { actionType: 'user_login', meta });
  }

  /**
   * Rotation with reuse detection (OAuth 2.0 Security BCP): each refresh token works once. When
   * one that was already rotated is presented again, one of its two users is not its owner, so
   * the whole family (every token descended from the same login) is revoked; the answer stays
   * the contract's 400 token_refresh_error.
   */
  async refresh(
    grantType: string | null | undefined,
    refreshToken: string | null | undefined,
    clientIp?: string,
  ): Promise<TokenPair> {
    if (grantType !== undefined && grantType !== null && grantType !== 'refresh_token') {
      throw new InputValidationError('grant_type must be "refresh_token"', ['grantType'], 'wrong_format');
    }
    if (!refreshToken) throw new InvalidRequestError('A refresh token is required', 'token_refresh_error');
    const claims = await verifyToken(refreshToken, this.config.tokenSigningKey, 'refresh').catch((error: Error) => {
      throw new InvalidRequestError(error.message, 'token_refresh_error');
    });
    const stored = await this.tokens.findById(claims.jti);
    if (!stored || stored.kind !== 'refresh')
      throw new InvalidRequestError('Refresh token has been revoked', 'token_refresh_error');
    // a rotated token points at its successor; a revoked one (logout) points nowhere and has no family left
    if (stored.revoked_at) {
      if (stored.refresh_token_id) await this.revokeReusedFamily(stored, clientIp);
      throw new InvalidRequestError('Refresh token has been revoked', 'token_refresh_error');
    }
    const user = await this.users.findById(stored.user_id);
    if (!user) throw new InvalidRequestError('User no longer exists', 'token_refresh_error');
    // The successor exists before the used token points at it, so a reuse detected at any moment reaches it.
    const issued = await this.issue(user.id);
    if (!(await this.tokens.rotate(stored.id, issued.refreshTokenId))) {
      // a concurrent use of the same token rotated it first: reuse as well
      await this.tokens.revokeFamily(issued.refreshTokenId);
      await this.revokeReusedFamily(stored, clientIp);
      throw new InvalidRequestError('Refresh token has been revoked', 'token_refresh_error');
    }
    // the access tokens of the used refresh token live on under the new one until they expire,
    // so revoking the new refresh token still reaches them
    await this.tokens.reparent(stored.id, issued.refreshTokenId);
    return issued.tokens;
  }

  /** Revokes the family of a reused refresh token and records it as a logout of that session. */
  private async revokeReusedFamily(stored: TokenRow, clientIp: string | undefined): Promise<void> {
    if (await this.tokens.revokeFamily(stored.id))
      await this.auditLogout(stored, clientIp, { token_kind: 'refresh', reason: 'refresh_token_reuse' });
  }

  /** A user_logout entry for the session of a token that was just revoked. */
  private async auditLogout(
    stored: TokenRow,
    clientIp: string | undefined,
    meta: Record<string, string>,
  ): Promise<void> {
    const user = await this.users.findById(stored.user_id);
    if (user)
      await this.audit.record(await this.viewerOf(user, stored.id, clientIp), { actionType: 'user_logout', meta });
  }

  /**
   * Revokes an access token, or a refresh token and every token of its login (RFC 7009: the same
   * grant): its successors when it was rotated already, and every access token issued with any of them.
   */
  async revoke(token: string | null | undefined, hint: string | null | undefined, clientIp?: string): Promise<void> {
    if (!token) throw new InvalidRequestError('A token is required', 'token_revoke_error');
    if (hint && hint !== 'access_token' && hint !== 'refresh_token') {
      throw new InputValidationError(
        'token_type_hint must be access_token or refresh_token',
        ['tokenTypeHint'],
        'not_one_of',
      );
    }
    const claims = await verifyToken(token, this.config.tokenSigningKey).catch((error: Error) => {
      throw new InvalidRequestError(error.message, 'token_revoke_error');
    });
    const stored = await this.tokens.findById(claims.jti);
    if (!stored) throw new InvalidRequestError('Unknown token', 'token_revoke_error');
    const revoked =
      stored.kind === 'refresh' ? await this.tokens.revokeFamily(stored.id) : await this.tokens.revoke(stored.id);
    if (revoked) await this.auditLogout(stored, clientIp, { token_kind: stored.kind });
  }

  /** The caller behind an access token; refuses expired, revoked or unknown tokens. */
  async authenticate(token: string, clientIp?: string): Promise<Viewer> {
    const claims = await verifyToken(token, this.config.tokenSigningKey, 'access');
    const session = await this.tokens.findSession(claims.jti);
    if (!session || session.kind !== 'access') throw new UnauthenticatedError('Unknown token');
    if (session.revoked_at) throw new UnauthenticatedError('Token has been revoked');
    return {
      userId: session.id,
      organizationId: session.organization_id,
      isSuperuser: session.is_superuser,
      roleId: session.role_id,
      permissions: (session.permissions ?? []).filter(isPermission),
      groupIds: session.group_id === null || session.group_id === undefined ? [] : [session.group_id],
      tokenId: session.token_id,
      clientIp,
    };
  }

  async viewerOf(user: UserRow, tokenId: string, clientIp?: string): Promise<Viewer> {
    const [permissions, groupOf] = await Promise.all([
      this.roles.permissionsOf(user.role_id),
      this.groups.groupsOfUsers([user.id]),
    ]);
    const group = groupOf.get(user.id);
    return {
      userId: user.id,
      organizationId: user.organization_id,
      isSuperuser: user.is_superuser,
      roleId: user.role_id,
      permissions: permissions.filter(isPermission) as Permission[],
      groupIds: group ? [group.id] : [],
      tokenId,
      clientIp,
    };
  }

  private async issue(userId: number): Promise<{ tokens: TokenPair; accessTokenId: string; refreshTokenId: string }> {
    const { tokenSigningKey, accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config;
    const refreshId = randomUUID();
    const accessId = randomUUID();
    const now = Date.now();
    await this.tokens.create({
      id: refreshId,
      user_id: userId,
      kind: 'refresh',
      refresh_token_id: null,
      expires_at: new Date(now + refreshTokenTtlSeconds * 1000),
    });
    await this.tokens.create({
      id: accessId,
      user_id: userId,
      kind: 'access',
      refresh_token_id: refreshId,
      expires_at: new Date(now + accessTokenTtlSeconds * 1000),
    });
    const sub = String(userId);
    const [accessToken, refreshToken] = await Promise.all([
      signToken({ jti: accessId, sub, kind: 'access', sid: refreshId }, accessTokenTtlSeconds, tokenSigningKey),
      signToken({ jti: refreshId, sub, kind: 'refresh' }, refreshTokenTtlSeconds, tokenSigningKey),
    ]);
    return {
      tokens: { accessToken, refreshToken, tokenType: 'bearer', expiresIn: accessTokenTtlSeconds },
      accessTokenId: accessId,
      refreshTokenId: refreshId,
    };
  }
}
