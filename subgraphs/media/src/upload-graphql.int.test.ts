import { readFileSync } from 'node:fs';
import path from 'node:path';
import { printSubgraphSdl } from '@argus/core';
import { buildSchema as identitySchema } from '@argus/identity';
import {
  buildApp as buildRouter,
  composeSupergraph,
  routerConfig,
  type QueryPlanner,
  type RouterApp,
} from '@argus/router';
import { buildSchema as topologySchema } from '@argus/topology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from './app.js';
import { fakeFace, KEYS, startMedia, type Caller, type MediaHarness } from '../test/harness.js';

const JPEG = readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/faces/messi5.jpg'));
const CREATE = `mutation($kind: UploadKind!, $file: File!) {
  createUpload(kind: $kind, file: $file) {
    __typename
    ... on MutationCreateUploadSuccess { data { id kind mimeType size url originalId meta { detection { rect { xMin } } descriptor { version } } } }
    ... on Error { message }
  }
}`;
const UPLOAD =
  'query($id: ID!) { upload(id: $id) { id kind mimeType size createdAt url originalId meta { descriptor { norm } } } }';

let h: MediaHarness;
let member: Caller;
let stranger: Caller;

beforeAll(async () => {
  h = await startMedia();
  member = await h.user({ organizationId: await h.organization() });
  stranger = await h.user({ organizationId: await h.organization() });
});
afterAll(() => h?.stop());

/** A GraphQL multipart request (operations, map, then the file parts). */
async function multipart(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  files: Record<string, Uint8Array | string>,
): Promise<any> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query,
      variables: { ...variables, ...Object.fromEntries(Object.keys(files).map((k) => [k, null])) },
    }),
  );
  form.append(
    'map',
    JSON.stringify(Object.fromEntries(Object.keys(files).map((k, i) => [String(i), [`variables.${k}`]]))),
  );
  Object.values(files).forEach((content, i) =>
    form.append(String(i), new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), 'photo.jpg'),
  );
  const response = await fetch(url, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  if (response.status === 415)
    throw new Error('multipart requests refused (415): the router needs `multipart: true` in createGatewayRuntime');
  return response.json();
}

describe('GraphQL uploads on the media subgraph', () => {
  it('creates uploads with the GraphQL multipart request spec and reads them back', async () => {
    h.faces.faces = [fakeFace(5, 5)];
    const created = await multipart(h.graphqlUrl, member.token, CREATE, { kind: 'FACE_IMAGE' }, { file: JPEG });
    expect(created.errors).toBeUndefined();
    const [upload] = created.data.createUpload.data;
    expect(upload).toEqual({
      id: expect.any(String),
      kind: 'FACE_IMAGE',
      mimeType: 'image/jpeg',
      size: JPEG.length,
      url: `/api/v1/uploads/${upload.id}/content`,
      originalId: null,
      meta: { detection: { rect: { xMin: 5 } }, descriptor: { version: 'fake-v1' } },
    });
    const read = await member.request(UPLOAD, { id: upload.id });
    expect(read.data!.upload).toMatchObject({
      id: upload.id,
      kind: 'FACE_IMAGE',
      meta: { descriptor: { norm: 12.5 } },
    });
    expect((await stranger.request(UPLOAD, { id: upload.id })).data!.upload).toBeNull();
    expect((await member.request(UPLOAD, { id: 'not-a-uuid' })).data!.upload).toBeNull();
  });

  it('answers refused content as a typed error', async () => {
    const refused = await multipart(h.graphqlUrl, member.token, CREATE, { kind: 'AVATAR' }, { file: 'plain text' });
    expect(refused.data.createUpload).toEqual({
      __typename: 'InvalidRequestError',
      message: expect.stringMatching(/unsupported file type/i),
    });
  });

  it('answers the face meta of an image without storing it', async () => {
    h.faces.faces = [fakeFace(1, 1), fakeFace(2, 2)];
    const answer = await multipart(
      h.graphqlUrl,
      member.token,
      'query($file: File!) { uploadMeta(file: $file) { detection { rect { xMin } } } }',
      {},
      { file: JPEG },
    );
    expect(answer.data.uploadMeta).toEqual([
      { detection: { rect: { xMin: 1 } } },
      { detection: { rect: { xMin: 2 } } },
    ]);
  });

  it('resolves Upload references only within the caller organization, but avatars and logos everywhere', async () => {
    const {
      uploads: [own],
    } = await (await member.upload('plan', JPEG)).json();
    const {
      uploads: [avatar],
    } = await (await member.upload('avatar', JPEG)).json();
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Upload { id mimeType } } }';
    const representations = [
      { __typename: 'Upload', id: own.id },
      { __typename: 'Upload', id: avatar.id },
    ];
    expect((await member.request(query, { r: representations })).data!._entities).toEqual([
      { id: own.id, mimeType: 'image/jpeg' },
      { id: avatar.id, mimeType: 'image/jpeg' },
    ]);
    expect((await stranger.request(query, { r: representations })).data!._entities).toEqual([
      null,
      { id: avatar.id, mimeType: 'image/jpeg' },
    ]);
  });

  it('composes with the other subgraphs', () => {
    const subgraphs = [
      ['identity', identitySchema],
      ['topology', topologySchema],
      ['media', buildSchema],
    ] as const;
    expect(() =>
      composeSupergraph(
        subgraphs.map(([name, build]) => ({ name, url: `http://${name}/graphql`, sdl: printSubgraphSdl(build()) })),
      ),
    ).not.toThrow();
  });
});

describe.each(['rust', 'js'] as QueryPlanner[])('GraphQL uploads through the router (%s planner)', (queryPlanner) => {
  let router: RouterApp;
  let url: string;

  beforeAll(async () => {
    router = buildRouter(
      routerConfig({
        ...KEYS,
        ROUTER_PORT: '0',
        LOG_LEVEL: 'silent',
        GRAPHIQL: 'false',
        ROUTER_QUERY_PLANNER: queryPlanner,
      }),
      {
        subgraphs: [
          { name: 'identity', url: h.identityUrl },
          { name: 'media', url: h.graphqlUrl },
        ],
      },
    );
    ({ url } = await router.start());
  });
  afterAll(() => router?.stop());

  it('passes multipart uploads on to the media subgraph', async () => {
    h.faces.faces = [fakeFace(7, 7)];
    const created = await multipart(url, member.token, CREATE, { kind: 'FACE_IMAGE' }, { file: JPEG });
    expect(created.errors).toBeUndefined();
    const [upload] = created.data.createUpload.data;
    expect(upload).toMatchObject({
      kind: 'FACE_IMAGE',
      mimeType: 'image/jpeg',
      size: JPEG.length,
      meta: { detection: { rect: { xMin: 7 } } },
    });
    const content = await member.http(`/uploads/${upload.id}/content`);
    expect(Buffer.from(await content.arrayBuffer()).equals(JPEG)).toBe(true);
    const meta = await multipart(
      url,
      member.token,
      'query($file: File!) { uploadMeta(file: $file) { detection { rect { xMin } } } }',
      {},
      { file: JPEG },
    );
    expect(meta.data.uploadMeta).toEqual([{ detection: { rect: { xMin: 7 } } }]);
  });
});
