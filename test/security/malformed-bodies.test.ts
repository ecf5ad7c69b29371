import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURSOR_OPERATIONS, mayBeUnavailable, OPERATIONS, type Operation } from './support/contract.js';
import { buildRequest, type BuiltRequest } from './support/requests.js';
import { abortedUpload, expectServing, fastApi422Problem, raw, type RawAnswer } from './support/raw.js';
import { base64url, TAMPERED_CURSORS } from './support/tampered-cursors.js';
import { buildWorld, png, type World } from './support/world.js';

/** Malformed input on every operation that takes some: never a 5xx, and the process keeps serving. */

let world: World;
let image: Uint8Array<ArrayBuffer>;
let serial = 0;

beforeAll(async () => {
  world = await buildWorld();
  image = await png(3);
});

afterAll(() => world?.stack.stop());

const token = () => world.broadA.token;
const cases = (operations: readonly Operation[]) =>
  operations.map((o) => [`${o.ref} ${o.method} ${o.template}`, o] as const);

function request(operation: Operation): BuiltRequest {
  return buildRequest(operation, world.a, {
    tag: world.marker,
    search: world.marker,
    png: image,
    serial: () => ++serial,
  });
}

function urlOf(req: BuiltRequest, query: BuiltRequest['query'] = req.query): string {
  const url = new URL(`${world.stack.restUrl}/api/v1${req.path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url.toString();
}

/**
 * What is wrong with an answer to malformed input, if anything: a 5xx (but 503 where allowed), no answer, a 422 not in FastAPI's shape, or (`clientError`) no 4xx.
 */
function problemOf(operation: Operation, what: string, answer: RawAnswer, clientError: boolean): string | undefined {
  const label = `${what} → ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 240)}`;
  if (answer.status === 503 && mayBeUnavailable(operation)) return undefined;
  if (answer.status === 0) return `no answer: ${label}`;
  if (answer.status >= 500) return `server error: ${label}`;
  if (clientError && answer.status < 400) return `accepted: ${label}`;
  const shape = answer.status === 422 ? fastApi422Problem(answer) : undefined;
  return shape && `${shape}: ${label}`;
}

const bodied = OPERATIONS.filter((o) => o.bodyKind === 'json' || o.bodyKind === 'form');

describe('bad JSON, wrong content type, empty and huge bodies', () => {
  it.each(cases(bodied))('%s', async (_, operation) => {
    const req = request(operation);
    const url = urlOf(req);
    const auth = { authorization: `Bearer ${token()}` };
    const type = operation.bodyKind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
    const valid = operation.bodyKind === 'form' ? new URLSearchParams(req.form).toString() : JSON.stringify(req.json);
    const variants: [string, Record<string, string>, string | undefined, boolean][] = [
      [
        'truncated JSON',
        { 'content-type': 'application/json' },
        valid.slice(0, Math.max(1, valid.length - 2)),
        operation.bodyKind === 'json',
      ],
      ['not JSON', { 'content-type': 'application/json' }, '{"name": nope', operation.bodyKind === 'json'],
      [
        'JSON of another type',
        { 'content-type': type },
        operation.bodyKind === 'json' ? '[1,2,3]' : 'a=%ZZ&&=',
        operation.bodyKind === 'json',
      ],
      ['wrong content type', { 'content-type': 'text/plain' }, valid, operation.bodyRequired],
      ['an unknown content type', { 'content-type': 'application/x-argus-unknown' }, valid, operation.bodyRequired],
      ['an empty body', { 'content-type': type }, '', operation.bodyRequired],
      ['no body, no content type', {}, undefined, operation.bodyRequired],
      [
        'a body over 1 MiB',
        { 'content-type': type },
        operation.bodyKind === 'form'
          ? `username=${'a'.repeat(1_100_000)}`
          : JSON.stringify({ name: 'x'.repeat(1_100_000) }),
        true,
      ],
      ['deep JSON', { 'content-type': 'application/json' }, `${'['.repeat(5000)}${']'.repeat(5000)}`, true],
    ];
    const problems: string[] = [];
    for (const [what, headers, body, clientError] of variants) {
      const answer = await raw(url, operation.method, { ...auth, ...headers }, body);
      const problem = problemOf(operation, `${operation.method} ${req.path} with ${what}`, answer, clientError);
      if (problem) problems.push(problem);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    await expectServing(world.stack.restUrl, operation.operationId);
  });
});

const CONTROL = ['\u0000', 'a\u0000b', '\u0001\u0002\u001f\u007f', '\ud800', 'x\u202e\u0000'];

/** String fields and filters of a sample of operations, each given control characters. */
const NUL_SAMPLES: {
  what: string;
  method: string;
  path: string;
  send: (value: string) => { query?: Record<string, string>; json?: unknown; form?: Record<string, string> };
}[] = [
  {
    what: 'token username',
    method: 'POST',
    path: '/token',
    send: (v) => ({ form: { grant_type: 'password', username: v, password: v } }),
  },
  {
    what: 'refresh token',
    method: 'POST',
    path: '/token/refresh',
    send: (v) => ({ form: { grant_type: 'refresh_token', refresh_token: v } }),
  },
  { what: 'place name', method: 'POST', path: '/places', send: (v) => ({ json: { name: v, description: v } }) },
  { what: 'group name', method: 'POST', path: '/groups', send: (v) => ({ json: { name: v, description: v } }) },
  { what: 'face name', method: 'POST', path: '/faces', send: (v) => ({ json: { full_name: v, document_number: v } }) },
  { what: 'plate number', method: 'POST', path: '/plates', send: (v) => ({ json: { number: v } }) },
  { what: 'face list filter', method: 'GET', path: '/facelists', send: (v) => ({ query: { name: v } }) },
  { what: 'face filter', method: 'GET', path: '/faces', send: (v) => ({ query: { full_name: v } }) },
  { what: 'plate filter', method: 'GET', path: '/plates', send: (v) => ({ query: { number: v } }) },
  { what: 'plate list filter', method: 'GET', path: '/platelists', send: (v) => ({ query: { name: v } }) },
  ...['users', 'groups', 'places', 'plans', 'cameras', 'organizations'].map((kind) => ({
    what: `${kind} search`,
    method: 'POST',
    path: `/${kind}/search`,
    send: (v: string) => ({ json: { query: v } }),
  })),
  { what: 'plate event search', method: 'POST', path: '/search/plate', send: (v) => ({ json: { plate: v } }) },
  {
    what: 'stream verification',
    method: 'POST',
    path: '/streams/verify',
    send: (v) => ({ json: { rtsp_link: `rtsp://127.0.0.1:1/${v}` } }),
  },
];

describe('NUL and other control characters in strings', () => {
  it.each(NUL_SAMPLES.map((s) => [s.what, s] as const))('%s', async (_, sample) => {
    const operation = OPERATIONS.find((o) => o.method === sample.method && o.template === sample.path)!;
    const problems: string[] = [];
    for (const value of CONTROL) {
      const { query, json, form } = sample.send(value);
      const url = new URL(`${world.stack.restUrl}/api/v1${sample.path}`);
      for (const [name, v] of Object.entries(query ?? {})) url.searchParams.set(name, v);
      const headers: Record<string, string> = { authorization: `Bearer ${token()}` };
      if (json !== undefined) headers['content-type'] = 'application/json';
      if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
      const body = json !== undefined ? JSON.stringify(json) : form ? new URLSearchParams(form).toString() : undefined;
      const answer = await raw(url.toString(), sample.method, headers, body);
      const problem = problemOf(
        operation,
        `${sample.method} ${sample.path} with ${JSON.stringify(value)} (${sample.what})`,
        answer,
        false,
      );
      if (problem) problems.push(problem);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    await expectServing(world.stack.restUrl, sample.what);
  });
});

const TAMPERED = [...TAMPERED_CURSORS, base64url('[NaN]'), '%00'];

describe('tampered cursors on every list with a cursor', () => {
  it.each(cases(CURSOR_OPERATIONS))('%s', async (_, operation) => {
    const req = request(operation);
    const problems: string[] = [];
    for (const cursor of TAMPERED) {
      const body = req.json !== undefined ? JSON.stringify(req.json) : undefined;
      const headers: Record<string, string> = {
        authorization: `Bearer ${token()}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      };
      const answer = await raw(urlOf(req, { ...req.query, cursor }), operation.method, headers, body);
      const what = `${operation.method} ${req.path}?cursor=${cursor.slice(0, 60)}`;
      const problem = problemOf(operation, what, answer, false);
      if (problem) problems.push(problem);
      else if (![200, 400, 422].includes(answer.status)) problems.push(`unexpected ${answer.status}: ${what}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    await expectServing(world.stack.restUrl, `${operation.operationId} cursors`);
  });
});

function multipart(bytes: Uint8Array): {
  body: Uint8Array<ArrayBuffer>;
  boundary: string;
  fileStart: number;
  fileEnd: number;
} {
  const boundary = '----argus-security-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="upload_data"; filename="plan.png"\r\n` +
      'Content-Type: image/png\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: new Uint8Array(Buffer.concat([head, bytes, tail])),
    boundary,
    fileStart: head.length,
    fileEnd: head.length + bytes.length,
  };
}

describe('truncated multipart uploads', () => {
  it.each([
    ['/uploads?kind=plan', 'createUpload'],
    ['/uploads/meta', 'getUploadMeta'],
  ] as const)('POST %s', async (path, operationId) => {
    const operation = OPERATIONS.find((o) => o.operationId === operationId)!;
    const { body, boundary, fileStart, fileEnd } = multipart(image);
    const headers = { authorization: `Bearer ${token()}`, 'content-type': `multipart/form-data; boundary=${boundary}` };
    const url = `${world.stack.restUrl}/api/v1${path}`;
    // every cut before the delimiter after the file is complete leaves the file incomplete
    const positions = [
      0,
      1,
      2,
      20,
      40,
      80,
      fileStart - 3,
      fileStart,
      fileStart + 1,
      fileStart + 30,
      fileEnd - 1,
      fileEnd,
      fileEnd + 1,
      fileEnd + 6,
    ];
    const problems: string[] = [];
    for (const at of positions) {
      const answer = await raw(url, 'POST', headers, body.slice(0, at));
      const problem = problemOf(
        operation,
        `POST ${path} truncated at ${at} of ${body.length} bytes (file at ${fileStart}…${fileEnd})`,
        answer,
        true,
      );
      if (problem) problems.push(problem);
    }
    for (const [what, type] of [
      ['without a boundary', 'multipart/form-data'],
      ['with another boundary', 'multipart/form-data; boundary=other'],
    ] as const) {
      const answer = await raw(url, 'POST', { ...headers, 'content-type': type }, body);
      const problem = problemOf(operation, `POST ${path} ${what}`, answer, true);
      if (problem) problems.push(problem);
    }
    for (const at of [0, 50, fileStart + 10, body.length - 10]) {
      await abortedUpload(url, headers, body.slice(0, at), body.length);
      await expectServing(world.stack.restUrl, `POST ${path}: connection closed after ${at} of ${body.length} bytes`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    await expectServing(world.stack.restUrl, `POST ${path} truncated`);
  });
});

describe('the connection after a refused body', () => {
  it('answers the next request on the same keep-alive connection after a 413', async () => {
    const url = `${world.stack.restUrl}/api/v1/places`;
    const huge = JSON.stringify({ name: 'x'.repeat(2 << 20) });
    const first = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
      body: huge,
    });
    expect(first.status).toBe(413);
    await first.text();
    const next = await fetch(`${world.stack.restUrl}/api/v1/hello`).then(
      (r) => r.status,
      (error: unknown) => String((error as Error).cause ?? error),
    );
    expect(
      next,
      'GET /api/v1/hello right after a 413 (undici reuses the connection unless told Connection: close)',
    ).toBe(200);
  });
});
