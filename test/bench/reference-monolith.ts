import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { bearerToken, UnauthenticatedError, verifyToken } from '@argus/core';

/**
 * The yardstick of the benchmark: GET /users/me as one plain node:http + Kysely process would
 * answer it, with the same token rules as Argus (JWT signature, issuer, expiry and kind, then the
 * token's row in identity.tokens: unknown or revoked refuses it) and the same body as the REST
 * facade's 26.3 answer, read from the same database. Two statements per request.
 */
export interface ReferenceMonolith {
  readonly url: string;
  stop(): Promise<void>;
}

function unauthenticated(detail: string): Answer {
  return { status: 401, body: { status: 'token_invalid_credentials', status_code: 401, detail } };
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

async function currentUser(db: Kysely<any>, signingKey: string, authorization: string | undefined): Promise<Answer> {
  const token = bearerToken(authorization);
  if (!token) return unauthenticated('Not authenticated');
  let tokenId: string;
  try {
    tokenId = (await verifyToken(token, signingKey, 'access')).jti;
  } catch (error) {
    return unauthenticated(error instanceof UnauthenticatedError ? error.message : 'Invalid token');
  }
  const identity = db.withSchema('identity');
  const row = await identity
    .selectFrom('tokens')
    .innerJoin('users', 'users.id', 'tokens.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select((eb) => [
      'tokens.kind',
      'tokens.revoked_at',
      'users.id',
      'users.email',
      'users.first_name',
      'users.last_name',
      'users.avatar_id',
      'users.is_superuser',
      'users.role_id',
      'users.organization_id',
      'organizations.name as organization_name',
      eb
        .selectFrom('role_permissions')
        .select(sql<string[]>`coalesce(array_agg(permission), '{}')`.as('p'))
        .whereRef('role_permissions.role_id', '=', 'users.role_id')
        .as('permissions'),
    ])
    .where('tokens.id', '=', tokenId)
    .executeTakeFirst();
  if (!row || row.kind !== 'access') return unauthenticated('Unknown token');
  if (row.revoked_at) return unauthenticated('Token has been revoked');
  const groups = await identity
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['groups.id', 'groups.name'])
    .where('group_members.user_id', '=', row.id)
    .execute();
  return {
    status: 200,
    body: {
      first_name: row.first_name,
      last_name: row.last_name,
      avatar_id: row.avatar_id,
      email: row.email,
      id: row.id,
      organization_id: row.organization_id,
      organization_name: row.organization_name,
      avatar_url: row.avatar_id ? `/api/v1/uploads/${row.avatar_id as string}/data` : null,
      groups,
      is_superuser: row.is_superuser,
      role_id: row.role_id,
      permissions: row.permissions ?? [],
    },
  };
}

/** Serves GET /users/me on a free loopback port. */
export async function startReferenceMonolith(db: Kysely<any>, signingKey: string): Promise<ReferenceMonolith> {
  const server: Server = createServer((req, res) => {
    const answer =
      req.method === 'GET' && req.url === '/users/me'
        ? currentUser(db, signingKey, req.headers.authorization)
        : Promise.resolve<Answer>({
            status: 404,
            body: { status: 'not_found', status_code: 404, detail: 'Not Found' },
          });
    const internalError = { status: 'internal_error', status_code: 500, detail: 'Internal error' };
    answer
      .catch((): Answer => ({ status: 500, body: internalError }))
      .then(({ status, body }) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
