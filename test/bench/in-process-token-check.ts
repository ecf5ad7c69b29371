import { sql, type Kysely } from 'kysely';
import { isPermission, UnauthenticatedError, verifyToken, type Authenticator, type Viewer } from '@argus/core';

/**
 * An experiment, not a part of Argus: the router's token check done in the router's own process
 * (JWT verified with the signing key, then the session read straight from identity's tables,
 * the same rules as identity's TokenService.authenticate) instead of an HTTP call to identity's
 * /internal/introspect. It measures what removing that hop buys; a real router must not read
 * identity's tables (see the README's Benchmarks section for the design that replaces it).
 */
export function inProcessTokenCheck(db: Kysely<any>, signingKey: string): Authenticator {
  return {
    async authenticate(token: string, clientIp?: string): Promise<Viewer> {
      const claims = await verifyToken(token, signingKey, 'access');
      const session = await db
        .withSchema('identity')
        .selectFrom('tokens')
        .innerJoin('users', 'users.id', 'tokens.user_id')
        .select((eb) => [
          'tokens.id as token_id',
          'tokens.kind',
          'tokens.revoked_at',
          'users.id',
          'users.organization_id',
          'users.role_id',
          'users.is_superuser',
          eb
            .selectFrom('role_permissions')
            .select(sql<string[]>`coalesce(array_agg(permission), '{}')`.as('p'))
            .whereRef('role_permissions.role_id', '=', 'users.role_id')
            .as('permissions'),
          eb
            .selectFrom('group_members')
            .select('group_members.group_id')
            .whereRef('group_members.user_id', '=', 'users.id')
            .as('group_id'),
        ])
        .where('tokens.id', '=', claims.jti)
        .executeTakeFirst();
      if (!session || session.kind !== 'access') throw new UnauthenticatedError('Unknown token');
      if (session.revoked_at) throw new UnauthenticatedError('Token has been revoked');
      return {
        userId: session.id,
        organizationId: session.organization_id,
        isSuperuser: session.is_superuser,
        roleId: session.role_id,
        permissions: ((session.permissions ?? []) as string[]).filter(isPermission),
        groupIds: session.group_id === null || session.group_id === undefined ? [] : [session.group_id as number],
        tokenId: session.token_id,
        clientIp,
      };
    },
  };
}
