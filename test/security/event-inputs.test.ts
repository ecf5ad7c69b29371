import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postReport, reportOf } from '../e2e/events-fixtures.js';
import { expectServing, raw, type RawAnswer } from './support/raw.js';
import { TAMPERED_CURSORS } from './support/tampered-cursors.js';
import { buildWorld, leaks, WORLD_KEYS, type World } from './support/world.js';

/**
 * The recognition event endpoints (REST 3.x, 17.x, 19.1, 20.x; GraphQL event queries and the
 * eventCreated / eventMatched subscriptions) given NUL and other control characters in every string
 * they take and tampered cursors: refused without a 5xx or an internal error, every part serving.
 * Another organization reaches none of organization A's events, on the media part's own port and
 * when resuming a subscription after one of A's events.
 */

let world: World;

beforeAll(async () => {
  world = await buildWorld();
});

afterAll(() => world?.stack.stop());

const CONTROL = ['\u0000', 'a\u0000b', '\u0001\u0002\u001f\u007f', '\ud800', 'x\u202e\u0000'];
const hasNul = (value: string) => value.includes('\u0000');
const TAMPERED = TAMPERED_CURSORS;

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
const window = () => ({ ts_from: iso(3_600_000), ts_to: iso(0) });

interface RestSample {
  readonly what: string;
  readonly method: 'GET' | 'POST';
  readonly path: (value: string) => string;
  readonly query?: (value: string) => Record<string, string>;
  readonly json?: (value: string) => unknown;
}

const listQuery = (name: string) => (v: string) => ({
  ...window(),
  event_type: 'plate_recognition',
  [name]: v,
});

const REST_SAMPLES = (): RestSample[] => [
  ...['events', 'eventmatches'].flatMap((list): RestSample[] =>
    ['ts_from', 'ts_to', 'event_type', 'stream_id', 'cursor', 'with_origin'].map((name) => ({
      what: `GET /${list} ${name}`,
      method: 'GET',
      path: () => `/${list}`,
      query: listQuery(name),
    })),
  ),
  ...['events', 'eventmatches', 'snapshots'].flatMap((kind): RestSample[] => [
    {
      what: `GET /${kind}/{event_id}`,
      method: 'GET',
      path: (v) => `/${kind}/${encodeURIComponent(v.replace(/[\ud800-\udfff]/gu, '\ufffd'))}`,
      query: () => ({ event_type: 'plate_recognition' }),
    },
    {
      what: `GET /${kind}/{event_id} event_type`,
      method: 'GET',
      path: () => `/${kind}/${world.a.event}`,
      query: (v) => ({ event_type: v }),
    },
  ]),
  {
    what: 'POST /search/plate plate.number',
    method: 'POST',
    path: () => '/search/plate',
    json: (v) => ({ plate: { number: v } }),
  },
  {
    what: 'POST /search/face descriptor.data',
    method: 'POST',
    path: () => '/search/face',
    json: (v) => ({ descriptor: { data: v, norm: 1, version: 1 }, threshold: 0.5 }),
  },
  ...['eventsbytype', 'eventmatchesbypriority', 'eventsintensity'].flatMap((stat): RestSample[] =>
    ['ts_from', 'ts_to', ...(stat === 'eventsintensity' ? ['stream_id'] : [])].map((name) => ({
      what: `GET /stats/${stat} ${name}`,
      method: 'GET',
      path: () => `/stats/${stat}`,
      query: (v) => ({ ...window(), [name]: v }),
    })),
  ),
];

async function sendRest(sample: RestSample, value: string): Promise<RawAnswer> {
  const url = new URL(`${world.stack.restUrl}/api/v1${sample.path(value)}`);
  for (const [name, v] of Object.entries(sample.query?.(value) ?? {})) url.searchParams.set(name, v);
  const headers: Record<string, string> = { authorization: `Bearer ${world.broadA.token}` };
  const json = sample.json?.(value);
  if (json !== undefined) headers['content-type'] = 'application/json';
  return raw(url.toString(), sample.method, headers, json === undefined ? undefined : JSON.stringify(json));
}

describe('REST: control characters in every string of the event endpoints', () => {
  it.each(REST_SAMPLES().map((s) => [s.what, s] as const))('%s', async (_, sample) => {
    const problems: string[] = [];
    for (const value of CONTROL) {
      const answer = await sendRest(sample, value);
      const label = `${sample.what} = ${JSON.stringify(value)} → ${answer.status} ${JSON.stringify(answer.body)?.slice(0, 200)}`;
      if (answer.status === 0 || answer.status >= 500) problems.push(`server error: ${label}`);
      // a NUL in a path parameter is refused by the path's own format (422) or finds nothing (404)
      else if (hasNul(value) && ![422, 404].includes(answer.status)) problems.push(`not refused: ${label}`);
      else if (hasNul(value) && answer.status === 422 && !/detail/.test(JSON.stringify(answer.body)))
        problems.push(`422 without detail: ${label}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    await expectServing(world.stack.restUrl, sample.what);
  });

  it('refuses tampered cursors on 3.2 and 3.4 with 422 at ["query","cursor"]', async () => {
    const problems: string[] = [];
    for (const list of ['events', 'eventmatches']) {
      for (const cursor of TAMPERED) {
        const answer = await sendRest(
          { what: list, method: 'GET', path: () => `/${list}`, query: listQuery('cursor') },
          cursor,
        );
        const loc = JSON.stringify((answer.body as { detail?: { loc?: unknown }[] })?.detail?.[0]?.loc);
        if (answer.status !== 422 || loc !== '["query","cursor"]')
          problems.push(`${list} cursor=${cursor.slice(0, 40)} → ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

interface GraphqlAnswer {
  readonly status: number;
  readonly body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const answer = await raw(
    url,
    'POST',
    { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    JSON.stringify({ query, variables }),
  );
  return answer as GraphqlAnswer;
}

const filter = () => ({ from: iso(3_600_000), to: iso(0) });
const EVENT_FIELDS = '__typename id cameraId organizationId';

/** GraphQL event operations, each with one string argument given `value`. */
const GRAPHQL_SAMPLES: [string, string, (value: string) => Record<string, unknown>][] = [
  [
    'events(after)',
    `query($f: EventFilter!, $a: String) { events(filter: $f, after: $a) { nodes { ${EVENT_FIELDS} } } }`,
    (v) => ({ f: filter(), a: v }),
  ],
  [
    'eventMatches(after)',
    `query($f: EventFilter!, $a: String) { eventMatches(filter: $f, after: $a) { nodes { ${EVENT_FIELDS} } } }`,
    (v) => ({ f: filter(), a: v }),
  ],
  [
    'events(filter.cameraId)',
    `query($f: EventFilter!) { events(filter: $f) { nodes { ${EVENT_FIELDS} } } }`,
    (v) => ({ f: { ...filter(), cameraId: v } }),
  ],
  [
    'event(id)',
    `query($id: ID!) { event(id: $id, eventType: PLATE_RECOGNITION) { ${EVENT_FIELDS} } }`,
    (v) => ({ id: v }),
  ],
  [
    'eventMatch(id)',
    `query($id: ID!) { eventMatch(id: $id, eventType: PLATE_RECOGNITION) { ${EVENT_FIELDS} } }`,
    (v) => ({ id: v }),
  ],
  [
    'searchPlateEvents(plate)',
    `query($p: String!) { searchPlateEvents(plate: $p, partial: true) { ${EVENT_FIELDS} } }`,
    (v) => ({ p: v }),
  ],
  [
    'searchFaceEvents(descriptor.data)',
    'query($d: FaceDescriptorInput!) { searchFaceEvents(descriptor: $d, threshold: 0.5) { __typename } }',
    (v) => ({ d: { data: v, norm: 1, version: 1 } }),
  ],
  [
    'eventIntensity(cameraIds)',
    'query($c: [ID!], $from: DateTime!, $to: DateTime!) { eventIntensity(cameraIds: $c, from: $from, to: $to) { __typename } }',
    (v) => ({ c: [v], from: iso(3_600_000), to: iso(0) }),
  ],
  [
    'eventCountsByType(from)',
    'query($from: DateTime!, $to: DateTime!) { eventCountsByType(from: $from, to: $to) { __typename } }',
    (v) => ({ from: v, to: iso(0) }),
  ],
];

const codes = (answer: GraphqlAnswer) => (answer.body.errors ?? []).map((e) => e.extensions?.code ?? 'none');

describe('GraphQL: control characters and tampered cursors in event arguments', () => {
  it.each((['router', 'media'] as const).flatMap((port) => GRAPHQL_SAMPLES.map((s) => [port, s[0], s] as const)))(
    'on the %s port: %s',
    async (port, _, [what, query, variables]) => {
      const url = port === 'router' ? world.stack.routerUrl : world.stack.subgraphs.media;
      const values = what.includes('after') ? [...CONTROL, ...TAMPERED] : CONTROL;
      const problems: string[] = [];
      for (const value of values) {
        const answer = await gql(url, query, variables(value), world.broadA.token);
        const label = `${what} = ${JSON.stringify(value).slice(0, 40)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 240)}`;
        if (answer.status === 0 || answer.status >= 500 || codes(answer).includes('INTERNAL_SERVER_ERROR'))
          problems.push(label);
        // a NUL never reaches the database as a value: refused as bad input, or (ids) no such object
        else if (hasNul(value) && answer.body.errors === undefined && JSON.stringify(answer.body.data).includes('"id"'))
          problems.push(`answered: ${label}`);
      }
      expect(problems, problems.join('\n')).toEqual([]);
    },
  );

  it('refuses tampered cursors of events and eventMatches as BAD_USER_INPUT', async () => {
    const problems: string[] = [];
    for (const [what, query, variables] of GRAPHQL_SAMPLES.filter(([w]) => w.includes('after'))) {
      for (const cursor of TAMPERED) {
        const answer = await gql(world.stack.routerUrl, query, variables(cursor), world.broadA.token);
        if (!codes(answer).includes('BAD_USER_INPUT'))
          problems.push(`${what} = ${cursor.slice(0, 40)} → ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

/** What a subscription yields within `ms`: its results and how it ended (undefined while it runs). */
function subscribeFor(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  ms: number,
): Promise<{ results: unknown[]; ended?: unknown }> {
  return new Promise((resolve) => {
    const results: unknown[] = [];
    let ended: unknown;
    const timer = setTimeout(() => {
      stop();
      resolve({ results, ended });
    }, ms);
    const stop = client.subscribe(
      { query, variables },
      {
        next: (value) => void results.push(value),
        error: (error) => {
          clearTimeout(timer);
          resolve({ results, ended: error });
        },
        complete: () => {
          clearTimeout(timer);
          resolve({ results, ended: 'complete' });
        },
      },
    );
  });
}

const SUBSCRIPTIONS: [string, string][] = [
  [
    'eventCreated',
    `subscription($f: EventSubscriptionFilter, $a: ID) { eventCreated(filter: $f, after: $a) { ${EVENT_FIELDS} } }`,
  ],
  [
    'eventMatched',
    `subscription($f: EventMatchSubscriptionFilter, $a: ID) { eventMatched(filter: $f, after: $a) { ${EVENT_FIELDS} } }`,
  ],
];

describe('subscriptions: hostile arguments and another organization', () => {
  it.each(SUBSCRIPTIONS)(
    '%s: control characters in after and cameraIds end the operation, not the socket',
    async (_, query) => {
      const client = world.stack.ws(world.broadA.token);
      const problems: string[] = [];
      for (const value of [...CONTROL, ...TAMPERED.slice(0, 4)]) {
        for (const variables of [{ a: value }, { f: { cameraIds: [value] } }]) {
          const outcome = await subscribeFor(client, query, variables, 1_000);
          const text = JSON.stringify(outcome, (_k, v: unknown) => (v instanceof Error ? v.message : v));
          if (/INTERNAL_SERVER_ERROR|Unexpected error/.test(text))
            problems.push(`${JSON.stringify(variables)} → ${text}`);
          if (outcome.results.some((r) => JSON.stringify(r).includes(world.a.event)) && hasNul(value))
            problems.push(`${JSON.stringify(variables)} replayed an event: ${text}`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
      const viewer = await subscribeFor(client, '{ viewer { id } }', {}, 5_000);
      expect(JSON.stringify(viewer.results), 'the socket still answers').toContain(String(world.broadA.id));
    },
  );

  /** a second plate event of A, after the world's (matched too) */
  let later: string;
  beforeAll(async () => {
    const plate = await world.stack.rest('GET', `/plates/${world.a.plate}`, { token: world.broadA.token });
    const report = reportOf({
      cameraId: world.a.camera,
      type: 'plate_recognition',
      ts: Date.now() - 300_000,
      plate: plate.body.number,
    });
    expect(await postReport(world.stack, WORLD_KEYS.ARGUS_INTERNAL_KEY, report)).toBeLessThan(300);
    later = report.eventId;
  });

  it.each(SUBSCRIPTIONS)("%s: resuming after A's event replays A's next one to A, nothing to B", async (_, query) => {
    const forA = await subscribeFor(world.stack.ws(world.broadA.token), query, { a: world.a.event }, 3_000);
    expect(JSON.stringify(forA.results), 'A resumes with its later event').toContain(later);
    const forB = await subscribeFor(world.stack.ws(world.adminB.token), query, { a: world.a.event }, 2_000);
    const shownB = JSON.stringify(forB, (_k, v: unknown) => (v instanceof Error ? v.message : v));
    expect(leaks(world, forB.results, { a: world.a.event }), shownB).toEqual([]);
    expect(shownB).not.toContain(`"id":"${world.a.event}"`);
    expect(shownB).not.toContain(later);
    expect(shownB).not.toContain(String(world.a.camera));
    const none = await subscribeFor(world.stack.ws(), query, {}, 2_000);
    const shownNone = JSON.stringify(none, (_k, v: unknown) => (v instanceof Error ? v.message : v));
    expect(shownNone, 'without a token').toMatch(/UNAUTHENTICATED/);
    expect(shownNone, 'without a token').not.toContain(world.a.event);
  });
});

describe("organization A's events on the media part's own port", () => {
  const EVENT = `query($id: ID!) { event(id: $id, eventType: PLATE_RECOGNITION) { ${EVENT_FIELDS} } }`;
  const MATCH = `query($id: ID!) { eventMatch(id: $id, eventType: PLATE_RECOGNITION) { ${EVENT_FIELDS} } }`;
  const LIST = `query($f: EventFilter!) { events(filter: $f) { nodes { ${EVENT_FIELDS} } } eventMatches(filter: $f) { nodes { ${EVENT_FIELDS} } } }`;

  it('are refused without a token (401)', async () => {
    for (const [query, variables] of [
      [EVENT, { id: world.a.event }],
      [LIST, { f: filter() }],
    ] as const) {
      const answer = await gql(world.stack.subgraphs.media, query, variables);
      expect(answer.status, JSON.stringify(answer.body)).toBe(401);
      expect(answer.body.data ?? null).toBeNull();
    }
  });

  it("are null or absent for B's administrator, and found for A's", async () => {
    const media = world.stack.subgraphs.media;
    for (const query of [EVENT, MATCH]) {
      const b = await gql(media, query, { id: world.a.event }, world.adminB.token);
      expect(leaks(world, b.body, { id: world.a.event }), JSON.stringify(b.body)).toEqual([]);
      expect(Object.values(b.body.data ?? {}), JSON.stringify(b.body)).toEqual([null]);
      const a = await gql(media, query, { id: world.a.event }, world.broadA.token);
      expect(Object.values(a.body.data ?? {}), JSON.stringify(a.body)).toEqual([
        expect.objectContaining({ id: world.a.event }),
      ]);
    }
    const listB = await gql(media, LIST, { f: filter() }, world.adminB.token);
    expect(listB.body.errors, JSON.stringify(listB.body)).toBeUndefined();
    expect(leaks(world, listB.body), JSON.stringify(listB.body)).toEqual([]);
    const listA = await gql(media, LIST, { f: filter() }, world.broadA.token);
    expect(JSON.stringify(listA.body.data)).toContain(world.a.event);
    const snapshot = await fetch(
      `${media.replace(/\/graphql$/, '')}/snapshots/${world.a.event}?event_type=plate_recognition`,
      { headers: { authorization: `Bearer ${world.adminB.token}` } },
    );
    expect([401, 403, 404], `snapshot for B: ${snapshot.status}`).toContain(snapshot.status);
  });
});
