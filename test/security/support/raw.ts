import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';

export interface RawAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A request with exactly these headers and bytes on a connection of its own; a network failure
 * (reset, closed without an answer, 20 s without one) becomes status 0 with the error as body.
 */
export function raw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string | Uint8Array,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const length =
      body === undefined
        ? {}
        : { 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : body.length) };
    const req = httpRequest(
      url,
      { method, headers: { ...length, ...headers }, agent: false, timeout: 20_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => resolve({ status: 0, body: String(error) }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = (res.headers['content-type'] ?? '').includes('json');
          let parsed: unknown = text || undefined;
          if (json && text) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          } else if (text) parsed = `<${res.headers['content-type']}: ${text.length} chars>`;
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 20 s')));
    req.on('error', (error) => resolve({ status: 0, body: String(error) }));
    req.end(body);
  });
}

/**
 * Sends the head of a request declaring `declaredLength` bytes, writes `bytes`, then closes the
 * connection without sending the rest; resolves once the socket is closed or answered.
 */
export function abortedUpload(
  url: string,
  headers: Record<string, string>,
  bytes: Uint8Array,
  declaredLength: number,
): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': String(declaredLength) } });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve('closed'));
    req.write(bytes, () =>
      setTimeout(() => {
        req.destroy();
        resolve('closed');
      }, 50),
    );
  });
}

/** What is wrong with a 422 body, if anything: FastAPI's is `{detail: [{loc, msg, type}, …]}`. */
export function fastApi422Problem(answer: RawAnswer): string | undefined {
  const detail = (answer.body as { detail?: unknown })?.detail;
  const fine =
    Array.isArray(detail) &&
    detail.length > 0 &&
    detail.every((entry) => {
      const e = entry as { loc?: unknown; msg?: unknown; type?: unknown };
      return (
        Array.isArray(e.loc) &&
        e.loc.every((p) => typeof p === 'string' || typeof p === 'number') &&
        typeof e.msg === 'string' &&
        typeof e.type === 'string'
      );
    });
  return fine ? undefined : `422 not in FastAPI's shape: ${JSON.stringify(answer.body)?.slice(0, 200)}`;
}

/** The process still serves: GET /api/v1/hello answers 200 within 5 s. */
export async function expectServing(restUrl: string, after: string): Promise<void> {
  const answer = await raw(`${restUrl}/api/v1/hello`, 'GET', {});
  expect(answer.status, `GET /api/v1/hello after ${after}: ${JSON.stringify(answer.body)}`).toBe(200);
}
