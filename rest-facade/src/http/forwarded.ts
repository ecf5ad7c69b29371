import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { ForwardedHeaders } from '../graphql/client.js';

/**
 * What goes on to the router with every operation: the caller's bearer Authorization header,
 * the request id (the caller's x-request-id or a new one) and the client address, as the only
 * x-forwarded-for entry. Behind a trusted proxy (REST_TRUST_PROXY) the client is the last entry
 * that proxy appended; what the client itself put in x-forwarded-for is never believed.
 */
export function forwardedHeaders(req: IncomingMessage, requestId: string, trustProxy: boolean): ForwardedHeaders {
  // only a bearer token: other schemes (Swagger UI's Basic client credentials on /token) stay here
  const given = firstHeader(req.headers.authorization);
  const authorization = given && /^Bearer\s/i.test(given) ? given : undefined;
  const socketIp = req.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const chain = trustProxy ? firstHeader(req.headers['x-forwarded-for']) : undefined;
  const appended = chain?.split(',').at(-1)?.trim();
  const forwardedFor = (appended && isIP(appended) !== 0 ? appended : socketIp) || undefined;
  return { authorization, 'x-request-id': requestId, 'x-forwarded-for': forwardedFor };
}

/** The caller's x-request-id when it looks like one, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = firstHeader(req.headers['x-request-id']);
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
