import { randomUUID } from 'node:crypto';
import type { Authenticator } from '../auth/authenticator.js';
import { bearerToken } from '../auth/token.js';
import { decodeViewer, VIEWER_HEADER } from '../auth/viewer-header.js';
import type { Viewer } from '../auth/viewer.js';

/** What every subgraph resolver gets, before the subgraph adds its services. */
export interface RequestContext {
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
 * The caller of a subgraph request: the router's signed viewer header, or else the
 * bearer token checked with the identity part. Requests without either are anonymous;
 * a bad token fails the request (401), it never turns anonymous.
 */
export async function requestContext(headers: Headers, clientIp: string | undefined, sources: ViewerSources): Promise<RequestContext> {
  const requestId = headers.get('x-request-id') ?? randomUUID();
  const signed = headers.get(VIEWER_HEADER);
  if (signed) {
    const viewer = decodeViewer(signed, sources.internalKey);
    if (viewer) return { viewer, requestId, clientIp: viewer.clientIp ?? clientIp };
  }
  const token = bearerToken(headers.get('authorization'));
  if (token) {
    const viewer = await sources.authenticator.authenticate(token, clientIp);
    return { viewer, requestId, clientIp };
  }
  return { requestId, clientIp };
}
