import type { IncomingMessage, ServerResponse } from 'node:http';
import { INTERNAL_SIGNATURE_HEADER, verifyInternalSignature } from '../auth/authenticator.js';
import { isDomainError } from '../errors.js';
import type { Route } from '../graphql/server.js';

const MAX_BODY = 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = MAX_BODY): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A POST endpoint only other Argus parts may call: the body must carry the HMAC of the internal key.
 * Domain errors answer with their HTTP status (401 for UNAUTHENTICATED, 400 otherwise).
 */
export function internalRoute<T>(internalKey: string, handle: (body: T) => Promise<unknown>): Route {
  return async (req, res) => {
    if (req.method !== 'POST') return sendJson(res, 405, { detail: 'Method not allowed' });
    const body = await readBody(req);
    const signature = String(req.headers[INTERNAL_SIGNATURE_HEADER] ?? '');
    if (!verifyInternalSignature(signature, body, internalKey))
      return sendJson(res, 403, { detail: 'Not an Argus part' });
    let parsed: T;
    try {
      parsed = JSON.parse(body) as T;
    } catch {
      return sendJson(res, 400, { detail: 'The body is not JSON' });
    }
    try {
      const result = await handle(parsed);
      sendJson(res, 200, result ?? { ok: true });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      sendJson(res, error.code === 'UNAUTHENTICATED' ? 401 : 400, { detail: error.message });
    }
  };
}

export const healthRoute: Route = (_req, res) => sendJson(res, 200, { status: 'ok' });
