import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestStack } from '../support/stack.js';
import { abortedUpload, expectServing, raw, type RawAnswer } from './support/raw.js';
import { png, type Member } from './support/world.js';

/**
 * Every endpoint that reads multipart/form-data — the REST facade's uploads (25.1, 25.4), the media
 * part's own upload routes the facade streams to, and the GraphQL multipart requests of the router
 * and of the media part's port — given its valid body cut at every byte, and connections closed at
 * every delimiter: each cut that leaves the body incomplete answers 4xx (never a 5xx, never no
 * answer), the whole body is answered, and every part keeps serving.
 */

const BOUNDARY = 'argus-cut';

interface Endpoint {
  readonly name: string;
  readonly url: () => string;
  readonly parts: (file: Uint8Array) => Part[];
  /** whether the whole body was answered as it should be */
  readonly accepted: (answer: RawAnswer) => boolean;
}

interface Part {
  readonly name: string;
  readonly filename?: string;
  readonly type?: string;
  readonly bytes: Uint8Array;
}

let stack: TestStack;
let member: Member;
let file: Uint8Array;

beforeAll(async () => {
  stack = await TestStack.start();
  member = await stack.member((await stack.createOrganization()).id, 'administrator');
  file = await png(11);
});

afterAll(() => stack?.stop());

const mediaBase = () => stack.subgraphs.media.replace(/\/graphql$/, '');
const restPart = (bytes: Uint8Array): Part[] => [
  { name: 'upload_data', filename: 'plan.png', type: 'image/png', bytes },
];
const graphqlParts =
  (query: string) =>
  (bytes: Uint8Array): Part[] => [
    { name: 'operations', bytes: Buffer.from(JSON.stringify({ query, variables: { f: null } })) },
    { name: 'map', bytes: Buffer.from(JSON.stringify({ 0: ['variables.f'] })) },
    { name: '0', filename: 'plan.png', type: 'image/png', bytes },
  ];
const CREATE_UPLOAD =
  'mutation($f: File!) { createUpload(kind: PLAN, file: $f) { __typename ... on MutationCreateUploadSuccess { data { id } } } }';
const UPLOAD_META = 'query($f: File!) { uploadMeta(file: $f) { __typename } }';
const stored = (answer: RawAnswer) =>
  answer.status === 200 && JSON.stringify(answer.body).includes('MutationCreateUploadSuccess');

const ENDPOINTS: Endpoint[] = [
  {
    name: 'REST POST /uploads?kind=plan',
    url: () => `${stack.restUrl}/api/v1/uploads?kind=plan`,
    parts: restPart,
    accepted: (a) => a.status === 200,
  },
  {
    name: 'REST POST /uploads/meta',
    url: () => `${stack.restUrl}/api/v1/uploads/meta`,
    parts: restPart,
    // the test stacks run without face analysis: a complete body reaches it and is answered 503
    accepted: (a) => a.status === 200 || a.status === 503,
  },
  {
    name: "media part's POST /uploads?kind=plan",
    url: () => `${mediaBase()}/uploads?kind=plan`,
    parts: restPart,
    accepted: (a) => a.status === 200,
  },
  {
    name: "media part's POST /uploads/meta",
    url: () => `${mediaBase()}/uploads/meta`,
    parts: restPart,
    accepted: (a) => a.status === 200 || a.status === 503,
  },
  {
    name: 'router GraphQL multipart createUpload',
    url: () => stack.routerUrl,
    parts: graphqlParts(CREATE_UPLOAD),
    accepted: stored,
  },
  {
    name: "media part's GraphQL multipart createUpload",
    url: () => stack.subgraphs.media,
    parts: graphqlParts(CREATE_UPLOAD),
    accepted: stored,
  },
  {
    name: 'router GraphQL multipart uploadMeta',
    url: () => stack.routerUrl,
    parts: graphqlParts(UPLOAD_META),
    // without face analysis the operation runs and answers its error (200 with errors)
    accepted: (a) => a.status === 200,
  },
];

/** The body and the offsets where each delimiter line starts and ends. */
function multipart(parts: Part[]): { body: Uint8Array; delimiters: number[] } {
  const chunks: Buffer[] = [];
  const delimiters: number[] = [];
  let at = 0;
  const push = (chunk: Buffer) => {
    chunks.push(chunk);
    at += chunk.length;
  };
  for (const part of parts) {
    delimiters.push(at);
    push(Buffer.from(`--${BOUNDARY}\r\n`));
    delimiters.push(at);
    const disposition = `form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ''}`;
    const type = part.type ? `Content-Type: ${part.type}\r\n` : '';
    push(Buffer.from(`Content-Disposition: ${disposition}\r\n${type}\r\n`));
    delimiters.push(at);
    push(Buffer.from(part.bytes));
    push(Buffer.from('\r\n'));
  }
  delimiters.push(at);
  push(Buffer.from(`--${BOUNDARY}--\r\n`));
  delimiters.push(at);
  return { body: new Uint8Array(Buffer.concat(chunks)), delimiters };
}

function headersFor(endpoint: Endpoint): Record<string, string> {
  return {
    authorization: `Bearer ${member.token}`,
    'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    // the router's CSRF prevention asks multipart requests for a preflight header
    'apollo-require-preflight': 'true',
    'x-graphql-yoga-csrf': 'true',
    ...(endpoint.url().endsWith('/graphql') ? { accept: 'application/graphql-response+json, application/json' } : {}),
  };
}

/** Runs `jobs` with at most `width` at once. */
async function pooled<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await jobs[index]!();
      }
    }),
  );
  return results;
}

describe.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s', (_, endpoint) => {
  it('answers the whole body', async () => {
    const { body } = multipart(endpoint.parts(file));
    const answer = await raw(endpoint.url(), 'POST', headersFor(endpoint), body);
    expect(endpoint.accepted(answer), `${answer.status} ${JSON.stringify(answer.body)?.slice(0, 300)}`).toBe(true);
  });

  it('answers the body cut at every byte with a 4xx, and keeps serving', { timeout: 180_000 }, async () => {
    const { body } = multipart(endpoint.parts(file));
    const headers = headersFor(endpoint);
    const cuts = Array.from({ length: body.length }, (_, at) => at);
    const answers = await pooled(
      cuts.map((at) => () => raw(endpoint.url(), 'POST', headers, body.slice(0, at))),
      6,
    );
    // only the CRLF after the close delimiter missing: the body is complete (RFC 2046), either answer is right
    const complete = body.length - 2;
    const problems = answers.flatMap((answer, at) =>
      (answer.status >= 400 && answer.status < 500) || (at >= complete && endpoint.accepted(answer))
        ? []
        : [`cut at ${at} of ${body.length}: ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 200)}`],
    );
    expect(problems.slice(0, 10), `${problems.length} of ${cuts.length} cuts`).toEqual([]);
    await expectServing(stack.restUrl, `${endpoint.name} cut at every byte`);
    const graphql = await stack.gql('{ viewer { id } }', undefined, member.token);
    expect(graphql.body.data?.viewer?.id).toBe(member.id);
  });

  it('survives the connection closed at every delimiter', { timeout: 120_000 }, async () => {
    const { body, delimiters } = multipart(endpoint.parts(file));
    const positions = [...new Set(delimiters.flatMap((at) => [at - 1, at, at + 1]))].filter(
      (at) => at > 0 && at < body.length,
    );
    for (const at of positions)
      await abortedUpload(endpoint.url(), headersFor(endpoint), body.slice(0, at), body.length);
    await expectServing(stack.restUrl, `${endpoint.name}: connections closed at ${positions.length} delimiters`);
    const whole = await raw(endpoint.url(), 'POST', headersFor(endpoint), body);
    expect(endpoint.accepted(whole), `after the closed connections: ${whole.status}`).toBe(true);
  });
});
