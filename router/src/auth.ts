import { bearerToken, UnauthenticatedError, type Authenticator, type Viewer } from '@argus/core';

/** The caller of one router request: anonymous (no viewer) or a verified viewer, with its address. */
export interface Caller {
  readonly viewer?: Viewer;
  readonly clientIp?: string;
}

/**
 * Verifies the bearer token of every request (token-check.ts: identity's answer, cached only while
 * its change feed keeps it current, so a revoked token is refused on the next request). No
 * Authorization → anonymous; a malformed header or a bad, expired or revoked token → UnauthenticatedError.
 */
export async function resolveCaller(
  authenticator: Authenticator,
  authorization: string | undefined,
  clientIp: string | undefined,
): Promise<Caller> {
  if (authorization === undefined || authorization.trim() === '') return { clientIp };
  const token = bearerToken(authorization);
  if (!token) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
  const viewer = await authenticator.authenticate(token, clientIp);
  return { viewer: { ...viewer, clientIp }, clientIp };
}

/** A GraphQL error body with one error and its code, as the router answers auth failures. */
export function graphqlErrorBody(
  message: string,
  code: string,
): { errors: { message: string; extensions: { code: string } }[] } {
  return { errors: [{ message, extensions: { code } }] };
}

/** How an authentication failure is answered: 401 for a refused token, 503 when identity cannot be asked. */
export function authFailure(error: unknown): { status: number; message: string; code: string } {
  if (error instanceof UnauthenticatedError) return { status: 401, message: error.message, code: 'UNAUTHENTICATED' };
  return { status: 503, message: 'Authentication is temporarily unavailable', code: 'UNAVAILABLE' };
}
