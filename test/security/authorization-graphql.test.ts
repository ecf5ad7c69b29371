import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildGraphql,
  PUBLIC_FIELDS,
  ROOT_FIELDS,
  type BuiltGraphql,
  type RootField,
} from './support/graphql-operations.js';
import { buildWorld, leaks, type World } from './support/world.js';

/**
 * Every root Query and Mutation field of the supergraph through the router × {no token, revoked
 * token, a user of A whose role holds no permission, a user of B holding every permission}.
 */

/** Reserved to superusers whatever the role holds. */
const SUPERUSER_ONLY = new Set([
  'createRole',
  'updateRole',
  'deleteRole',
  'grantPermission',
  'revokePermission',
  'createOrganization',
]);

interface Answer {
  readonly status: number;
  readonly body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

let world: World;
let serial = 0;

beforeAll(async () => {
  world = await buildWorld();
});

afterAll(() => world?.stack.stop());

const destructive = (f: RootField) => /^(delete|remove|revoke)/.test(f.name);
const ordered = [...ROOT_FIELDS].sort((a, b) => Number(destructive(a)) - Number(destructive(b)));
const secured = ordered.filter((f) => !PUBLIC_FIELDS.has(f.name));
const cases = (fields: readonly RootField[]) => fields.map((f) => [`${f.operation} ${f.name}`, f] as const);

function request(field: RootField, side: 'A' | 'B'): BuiltGraphql {
  return buildGraphql(field, world.a, { tag: side === 'A' ? world.marker : 'orgb-sec', serial: () => ++serial });
}

async function call(built: BuiltGraphql, token?: string): Promise<Answer> {
  const response = await fetch(world.stack.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: built.query, variables: built.variables }),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, body };
}

const codes = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);
const show = (field: RootField, built: BuiltGraphql, answer: Answer) =>
  `${field.name}(${JSON.stringify(built.variables)}) → ${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`;

/** The field answered nothing: absent or null data. */
function noData(field: RootField, answer: Answer): boolean {
  return (
    answer.body.data === undefined ||
    answer.body.data === null ||
    answer.body.data[field.name] === null ||
    answer.body.data[field.name] === undefined
  );
}

function expectRefused(field: RootField, built: BuiltGraphql, answer: Answer, code: string): void {
  expect(codes(answer), show(field, built, answer)).toContain(code);
  expect(noData(field, answer), show(field, built, answer)).toBe(true);
}

describe('the requests are valid: a user of A holding every permission is let in', () => {
  it.each(cases(secured.filter((f) => !destructive(f))))('%s', async (_, field) => {
    const built = request(field, 'A');
    const answer = await call(built, world.broadA.token);
    const refused = [
      'UNAUTHENTICATED',
      'GRAPHQL_VALIDATION_FAILED',
      'BAD_USER_INPUT',
      'INTERNAL_SERVER_ERROR',
      ...(SUPERUSER_ONLY.has(field.name) ? [] : ['FORBIDDEN']),
    ];
    expect(
      codes(answer).filter((c) => refused.includes(c ?? '')),
      show(field, built, answer),
    ).toEqual([]);
    expect(answer.status, show(field, built, answer)).toBeLessThan(500);
  });
});

describe('without a token: UNAUTHENTICATED', () => {
  it.each(cases(secured))('%s', async (_, field) => {
    const built = request(field, 'A');
    expectRefused(field, built, await call(built), 'UNAUTHENTICATED');
  });
});

describe('with a revoked token: UNAUTHENTICATED', () => {
  it.each(cases(secured))('%s', async (_, field) => {
    const built = request(field, 'A');
    const answer = await call(built, world.revokedToken);
    expectRefused(field, built, answer, 'UNAUTHENTICATED');
    expect(answer.status, show(field, built, answer)).toBe(401);
  });
});

describe('a user of A whose role holds no permission: FORBIDDEN', () => {
  it.each(cases(secured))('%s', async (_, field) => {
    const built = request(field, 'A');
    expectRefused(field, built, await call(built, world.bareA.token), 'FORBIDDEN');
  });
});

describe("a user of B holding every permission, on A's objects: null or NOT_FOUND", () => {
  it.each(cases(ordered))('%s', async (_, field) => {
    const built = request(field, 'B');
    const answer = await call(built, PUBLIC_FIELDS.has(field.name) ? undefined : world.adminB.token);
    expect(leaks(world, answer.body, built.variables), `${show(field, built, answer)} shows organization A`).toEqual(
      [],
    );
    expect(codes(answer), show(field, built, answer)).not.toContain('INTERNAL_SERVER_ERROR');
    if (SUPERUSER_ONLY.has(field.name)) return expectRefused(field, built, answer, 'FORBIDDEN');
    if (!built.addresses) return;
    const value = answer.body.data?.[field.name];
    const typedError = ['NotFoundError', 'InvalidRequestError'].includes(value?.__typename);
    const refused =
      noData(field, answer) &&
      codes(answer).every((c) => c === 'NOT_FOUND' || (field.operation === 'mutation' && c === 'INVALID_REQUEST'));
    expect(typedError || refused, show(field, built, answer)).toBe(true);
  });
});
