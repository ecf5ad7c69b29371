import { randomUUID } from 'node:crypto';
import type { Authenticator } from '../auth/authenticator.js';
import { bearerToken } from '../auth/token.js';
import { decodeCaller, VIEWER_HEADER } from '../auth/viewer-header.js';
import type { Viewer } from '../auth/viewer.js';
import { UnauthenticatedError } from '../errors.js';

/** What every subgraph resolver gets, before the subgraph adds its services. */
export interface RequestContext {
  /** the verified caller; absent only for an anonymous call the router signed (sign-in, hello) */
  readonly viewer?: Viewer;
  readonly requestId: string;
  readonly clientIp?: string;
}

export interface ViewerSources {
  /** key the router signs the viewer header with */
  readonly internalKey: string;
  /** used when a subgraph is called directly with a bearer token */
  readonly authenticator: Authenticator;
}

/**
 * The caller of a subgraph request: the router's signed viewer header (a viewer, or an anonymous
 * caller the router forwarded), or else the bearer token checked with the identity part. A
 * request with neither, or with a bad token, is refused (UnauthenticatedError): a subgraph
 * reached directly answers nobody it cannot verify.
 */
export async function requestContext(
  headers: Headers,
  clientIp: string | undefined,
  sources: ViewerSources,
): Promise<RequestContext> {
  const requestId = headers.get('x-request-id') ?? randomUUID();
  const signed = headers.get(VIEWER_HEADER);
  if (signed) {
    const caller = decodeCaller(signed, sources.internalKey);
    if (caller)
      return { viewer: caller.viewer, requestId, clientIp: caller.viewer?.clientIp ?? caller.clientIp ?? clientIp };
  }
  const authorization = headers.get('authorization');
  const token = bearerToken(authorization);
  if (token) {
    const viewer = await sources.authenticator.authenticate(token, clientIp);
    return { viewer, requestId, clientIp };
  }
  if (signed) throw new UnauthenticatedError('The caller signature is not valid');
  if (authorization) throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
  throw new UnauthenticatedError('Not authenticated');
}
