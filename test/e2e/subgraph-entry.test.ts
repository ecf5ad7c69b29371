import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestStack, wsExecute, type TestUser } from '../support/stack.js';
import { createCamera, createPlace, planImage } from './topology-fixtures.js';
import { createFace, createFaceList } from './watchlists-face-fixtures.js';
import { createPlate, createPlateList, vehicleImage } from './watchlists-plate-fixtures.js';

/**
 * Each subgraph reached on its own port, bypassing the router: it answers only a caller it can
 * verify (a bearer token, or the router's signed caller header), and `_entities` resolves only
 * what that caller may see. Through the router, anonymous operations keep working.
 */

type Member = TestUser & { token: string };
type SubgraphName = 'identity' | 'topology' | 'watchlists' | 'media';
const SUBGRAPHS: readonly SubgraphName[] = ['identity', 'topology', 'watchlists', 'media'];
const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');

/** The entity types (`@key`) of a subgraph, read from its SDL snapshot. */
function entityTypes(subgraph: SubgraphName): string[] {
  const document = parse(readFileSync(path.join(SCHEMA_DIR, `${subgraph}.graphql`), 'utf8'));
  return document.definitions
    .filter(
      (d): d is ObjectTypeDefinitionNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
    )
    .filter((d) => d.directives?.some((directive) => directive.name.value === 'key'))
    .map((d) => d.name.value);
}

/** What a selection of each entity type asks for beyond its id (the fields the leak was about). */
const EXTRA_FIELDS: Record<string, string> = { User: 'email isSuperuser' };

let stack: TestStack;
let orgA: { id: number };
let adminA: Member;
let adminB: Member;
let memberA: Member;
let permissionless: Member;
/** `<subgraph>.<Type>` → the id of an object of organization A */
const objectsOfA: Record<string, string | number> = {};
let loosePlaceOfA: number;
const clients: Client[] = [];

interface Answer {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** `_entities` on one subgraph for one representation of each given type. */
function entities(subgraph: SubgraphName, types: readonly string[], headers: Record<string, string>): Promise<Answer> {
  // ids of different types (Int, ID) need their own aliases in one selection
  const fragments = types
    .map((type) => `... on ${type} { __typename id_${type}: id ${EXTRA_FIELDS[type] ?? ''} }`)
    .join(' ');
  const representations = types.map((type) => ({ __typename: type, id: objectsOfA[`${subgraph}.${type}`] }));
  return post(
    stack.subgraphs[subgraph],
    `query($r: [_Any!]!) { _entities(representations: $r) { ${fragments} } }`,
    { r: representations },
    headers,
  );
}

function expectRefused(answer: Answer): void {
  expect(answer.status).toBe(401);
  expect(answer.body.data ?? null).toBeNull();
  expect(answer.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
}

function wsClient(subgraph: SubgraphName, connectionParams: Record<string, string>): Client {
  const client = createClient({
    url: stack.subgraphs[subgraph].replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  stack = await TestStack.start();
  orgA = await stack.createOrganization();
  const orgB = await stack.createOrganization();
  const groupA = await stack.createGroup(orgA.id);
  const noPermissions = await stack.createRole(['user_me_read']);
  [adminA, adminB] = await Promise.all([
    stack.member(orgA.id, 'administrator'),
    stack.member(orgB.id, 'administrator'),
  ]);
  permissionless = await stack.member(orgA.id, noPermissions);
  const grouped = await stack.createUser({ organizationId: orgA.id, role: 'administrator', groupIds: [groupA.id] });
  memberA = { ...grouped, token: (await stack.login(grouped.email, grouped.password)).access_token };

  const place = await createPlace(stack, adminA.token, { name: 'Depot' });
  loosePlaceOfA = (await createPlace(stack, adminA.token, { name: 'Yard' })).id;
  expect(
    (await stack.rest('POST', `/groups/${groupA.id}/places`, { token: adminA.token, json: { place_ids: [place.id] } }))
      .status,
  ).toBe(200);
  const camera = await createCamera(stack, adminA.token, place.id, { name: 'Gate' });
  const plan = await stack.rest('POST', '/plans', {
    token: adminA.token,
    json: { name: 'Depot plan', place_id: place.id, image_id: await planImage(stack, adminA.token) },
  });
  expect(plan.status).toBe(200);
  const image = await vehicleImage(stack, adminA.token);
  Object.assign(objectsOfA, {
    'identity.User': adminA.id,
    'identity.Organization': orgA.id,
    'identity.Group': groupA.id,
    'topology.Place': place.id,
    'topology.Plan': plan.body.id,
    'topology.Camera': camera.id,
    'topology.Group': groupA.id,
    'watchlists.Face': (await createFace(stack, adminA.token)).id,
    'watchlists.FaceList': (await createFaceList(stack, adminA.token)).id,
    'watchlists.Plate': (await createPlate(stack, adminA.token, { vehicle_image_id: image.id })).id,
    'watchlists.PlateList': (await createPlateList(stack, adminA.token)).id,
    'watchlists.Upload': image.id,
    'media.Upload': image.id,
    'media.Camera': camera.id,
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await stack?.stop();
});

describe.each(SUBGRAPHS)('the %s subgraph on its own port', (subgraph) => {
  const types = () => entityTypes(subgraph);

  it('has an object of organization A for each of its entity types', () => {
    expect(types().length).toBeGreaterThan(0);
    for (const type of types()) expect(objectsOfA[`${subgraph}.${type}`], `${subgraph}.${type}`).toBeDefined();
  });

  it('refuses _entities, a plain query and _service without credentials (401 UNAUTHENTICATED)', async () => {
    expectRefused(await entities(subgraph, types(), {}));
    expectRefused(await post(stack.subgraphs[subgraph], '{ __typename }'));
    expectRefused(await post(stack.subgraphs[subgraph], '{ _service { sdl } }'));
    // nothing of the schema shows before the caller is verified: no validation errors, no suggestions
    expectRefused(await post(stack.subgraphs[subgraph], '{ hell _entitie }'));
    expectRefused(await post(stack.subgraphs[subgraph], '{ not valid graphql'));
  });

  it('refuses a bad token, a non-bearer header and a caller header not signed with the internal key', async () => {
    expectRefused(await entities(subgraph, types(), bearer('garbage')));
    expectRefused(
      await entities(subgraph, types(), { authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` }),
    );
    const payload = Buffer.from(JSON.stringify({ anonymous: true, iat: Math.floor(Date.now() / 1000) })).toString(
      'base64url',
    );
    const forged = `${payload}.${createHmac('sha256', 'not-the-internal-key').update(payload).digest('base64url')}`;
    expectRefused(await post(stack.subgraphs[subgraph], '{ _service { sdl } }', {}, { 'x-argus-viewer': forged }));
  });

  it("resolves every entity of organization A to null for organization B's administrator", async () => {
    const answer = await entities(subgraph, types(), bearer(adminB.token));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data._entities).toEqual(types().map(() => null));
  });

  it("resolves every entity of organization A for A's administrator", async () => {
    const answer = await entities(subgraph, types(), bearer(adminA.token));
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data._entities).toEqual(
      types().map((type) =>
        expect.objectContaining({ __typename: type, [`id_${type}`]: objectsOfA[`${subgraph}.${type}`] }),
      ),
    );
  });

  it('refuses any operation over WebSocket without credentials, and answers one with a token', async () => {
    const refused = await wsExecute(wsClient(subgraph, {}), '{ _service { sdl } }');
    expect(refused).toEqual({ failed: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] });
    const answered = await wsExecute(wsClient(subgraph, bearer(adminA.token)), '{ _service { sdl } }');
    expect(answered).toEqual({ data: { _service: { sdl: expect.stringContaining('@key') } } });
  });
});

describe("entity references follow the rules of the part's own queries", () => {
  const SCOPED: Record<SubgraphName, string[]> = {
    identity: ['User', 'Organization', 'Group'],
    topology: ['Place', 'Plan', 'Camera'],
    watchlists: ['Face', 'FaceList', 'Plate', 'PlateList'],
    media: [],
  };

  it('resolves nothing for a caller of the organization without the read permissions', async () => {
    for (const subgraph of SUBGRAPHS.filter((s) => SCOPED[s].length > 0)) {
      const answer = await entities(subgraph, SCOPED[subgraph], bearer(permissionless.token));
      expect(answer.body.errors, subgraph).toBeUndefined();
      expect(answer.body.data._entities, subgraph).toEqual(SCOPED[subgraph].map(() => null));
    }
  });

  it("shows a group member only their group's places", async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Place { id } } }';
    const r = [
      { __typename: 'Place', id: objectsOfA['topology.Place'] },
      { __typename: 'Place', id: loosePlaceOfA },
    ];
    expect((await post(stack.subgraphs.topology, query, { r }, bearer(memberA.token))).body.data._entities).toEqual([
      { id: r[0]!.id },
      null,
    ]);
    expect((await post(stack.subgraphs.topology, query, { r }, bearer(adminA.token))).body.data._entities).toEqual([
      { id: r[0]!.id },
      { id: loosePlaceOfA },
    ]);
  });
});

describe('non-GraphQL routes of the subgraphs', () => {
  const INTERNAL: [SubgraphName, string][] = [
    ['identity', '/internal/introspect'],
    ['identity', '/internal/audit'],
    ['topology', '/internal/cameras/ingest'],
    ['media', '/internal/uploads/exists'],
    ['media', '/internal/uploads/lookup'],
  ];

  it.each(INTERNAL)('%s %s refuses a body without the internal signature (403)', async (subgraph, route) => {
    const url = stack.subgraphs[subgraph].replace(/\/graphql$/, route);
    const body = JSON.stringify({ token: adminA.token, ids: [objectsOfA['media.Upload']] });
    for (const signature of [
      undefined,
      createHmac('sha256', 'not-the-internal-key').update(`internal:${body}`).digest('base64url'),
    ]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'x-argus-internal': signature } : {}) },
        body,
      });
      expect(response.status).toBe(403);
    }
  });

  it("refuses the media part's upload content and snapshot routes without credentials (401)", async () => {
    const base = stack.subgraphs.media.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/uploads/${objectsOfA['media.Upload']}/content`)).status).toBe(401);
    expect((await fetch(`${base}/camerasnapshots/${objectsOfA['topology.Camera']}`)).status).toBe(401);
    expect(
      (await fetch(`${base}/uploads/${objectsOfA['media.Upload']}/content`, { headers: bearer(adminB.token) })).status,
    ).toBe(404);
    expect(
      (await fetch(`${base}/uploads/${objectsOfA['media.Upload']}/content`, { headers: bearer(adminA.token) })).status,
    ).toBe(200);
  });
});

describe('through the router', () => {
  it('still answers anonymous hello and sign-in, over HTTP and WebSocket', async () => {
    expect((await stack.gql('{ hello { message } }')).body).toEqual({
      data: { hello: { message: expect.any(String) } },
    });
    const signIn = await stack.gql(
      'mutation($u: String!, $p: String!) { createToken(username: $u, password: $p) { accessToken refreshToken } }',
      { u: adminA.email, p: adminA.password },
    );
    expect(signIn.body.errors).toBeUndefined();
    const refreshed = await stack.gql(
      'mutation($t: String!) { refreshToken(refreshToken: $t) { ... on TokenPair { accessToken } } }',
      { t: signIn.body.data.createToken.refreshToken },
    );
    expect(refreshed.body.data?.refreshToken.accessToken).toEqual(expect.any(String));
    expect(await wsExecute(stack.ws(), '{ hello { message } }')).toEqual({
      data: { hello: { message: expect.any(String) } },
    });
    expect(
      (
        await stack.rest('POST', '/token', {
          form: { grant_type: 'password', username: adminA.email, password: adminA.password },
        })
      ).status,
    ).toBe(200);
  });

  it('joins subgraphs for the caller: a place with its group (identity) and a group with its places (topology)', async () => {
    const query =
      'query($p: Int!, $g: Int!) { place(id: $p) { id group { id name } } group(id: $g) { id placeCount places { nodes { id } } } }';
    const variables = { p: objectsOfA['topology.Place'], g: objectsOfA['identity.Group'] };
    const asA = await stack.gql(query, variables, adminA.token);
    expect(asA.body.errors).toBeUndefined();
    expect(asA.body.data).toEqual({
      place: { id: variables.p, group: { id: variables.g, name: expect.any(String) } },
      group: { id: variables.g, placeCount: 1, places: { nodes: [{ id: variables.p }] } },
    });
    const asB = await stack.gql(query, variables, adminB.token);
    expect(asB.body.data).toEqual({ place: null, group: null });
  });
});
