import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ForwardedHeaders } from '../graphql/client.js';

/**
 * What goes on to the router with every operation: the caller's bearer Authorization header,
 * the request id (the caller's x-request-id or a new one) and the client address. Behind a
 * trusted proxy the incoming x-forwarded-for chain is kept in front of the socket address.
 */
export function forwardedHeaders(req: IncomingMessage, requestId: string, trustProxy: boolean): ForwardedHeaders {
  // only a bearer token: other schemes (Swagger UI's Basic client credentials on /token) stay here
  const given = firstHeader(req.headers.authorization);
  const authorization = given && /^Bearer\s/i.test(given) ? given : undefined;
  const socketIp = req.socket.remoteAddress?.replace(/^::ffff:/, '');
  const chain = trustProxy ? firstHeader(req.headers['x-forwarded-for']) : undefined;
  const forwardedFor = [chain, socketIp].filter((v): v is string => !!v).join(', ') || undefined;
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
