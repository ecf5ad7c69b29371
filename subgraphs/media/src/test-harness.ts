import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Permission } from '@argus/core';
import { buildApp as buildIdentity, identityConfig } from '@argus/identity';
import { openTestDatabase } from '../../../test/support/database.js';
import { buildApp as buildMedia, mediaConfig, type MediaApp } from './app.js';
import type { FaceMeta, FaceMetaProvider } from './services/face-meta.js';

/**
 * Identity and media on free ports over one test database and a temporary uploads directory,
 * called over real HTTP with tokens from identity's createToken, as the router and the REST
 * facade would call them.
 */

export const ADMIN = { email: 'admin@media.test', password: 'admin-password-1' };
const PASSWORD = 'correct-horse-battery';
export const KEYS = {
  ARGUS_TOKEN_SIGNING_KEY: 'media-integration-tests-signing-key-0123456789abc',
  ARGUS_INTERNAL_KEY: 'media-integration-tests-internal-key-0123456789abc',
};
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/** The face a fake analyzer reports at (x, y). */
export function fakeFace(x: number, y: number): FaceMeta {
  return {
    detection: { rect: { x_min: x, y_min: y, x_max: x + 100, y_max: y + 120 }, landmarks: [{ x: x + 30, y: y + 40 }, { x: x + 70, y: y + 40 }], score: 0.98 },
    descriptor: { data: Buffer.from(new Float32Array([0.6, 0.8]).buffer).toString('base64'), norm: 12.5, version: 'fake-v1' },
  };
}

/** Reports the faces the test sets (one by default), or the failure it sets. */
export class FakeFaceAnalyzer implements FaceMetaProvider {
  faces: FaceMeta[] = [fakeFace(10, 20)];
  failure: string | undefined;
  calls = 0;
  async analyze(): Promise<Awaited<ReturnType<FaceMetaProvider['analyze']>>> {
    this.calls += 1;
    return this.failure ? { status: 'failed', reason: this.failure } : { status: 'success', faces: this.faces };
  }
}

export interface GraphqlResult<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string[]; status?: string } }[];
}

export interface Caller {
  readonly token: string;
  readonly organizationId: number;
  /** the raw answer of the media subgraph's GraphQL endpoint */
  request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** the data of the identity subgraph's answer; fails on any error */
  identity<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** an HTTP request to the media subgraph with this caller's token */
  http(pathAndQuery: string, init?: RequestInit): Promise<Response>;
  /** POST /uploads?kind=… with `upload_data` */
  upload(kind: string, content: Uint8Array | string, filename?: string): Promise<Response>;
}

export type RoleName = 'administrator' | 'operator' | 'viewer';

export interface MediaHarness {
  readonly admin: Caller;
  readonly app: MediaApp;
  /** the media subgraph's base URL (no path) and GraphQL URL */
  readonly baseUrl: string;
  readonly graphqlUrl: string;
  readonly identityUrl: string;
  readonly uploadsDir: string;
  readonly faces: FakeFaceAnalyzer;
  organization(): Promise<number>;
  /** a user of an internal role, or of a new role holding exactly `permissions` */
  user(spec: { organizationId: number; role?: RoleName; permissions?: readonly Permission[] }): Promise<Caller>;
  stop(): Promise<void>;
}

export function uploadForm(content: Uint8Array | string, filename = 'photo.jpg'): FormData {
  const form = new FormData();
  form.append('upload_data', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
  return form;
}

async function post<T>(url: string, token: string | undefined, query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlResult<T>;
}

function dataOf<T>(result: GraphqlResult<T>): T {
  if (result.errors?.length || result.data === undefined) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

let serial = 0;
const unique = (prefix: string) => `${prefix}${++serial}`;

/** With `realFaceAnalysis` the media engine's analyzer runs (ONNX models); otherwise `faces`, a fake. */
export async function startMedia(options: { realFaceAnalysis?: boolean } = {}): Promise<MediaHarness> {
  const database = await openTestDatabase();
  const uploadsDir = mkdtempSync(path.join(tmpdir(), 'argus-uploads-'));
  const env = { ...KEYS, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', GRAPHIQL: 'false' };
  const identity = buildIdentity({ ...identityConfig({ ...env, IDENTITY_PORT: '0' }), database: { dataDir: 'memory://' } }, { database });
  const identityUrl = (await identity.start()).url;
  const faces = new FakeFaceAnalyzer();
  const config = mediaConfig({ ...env, MEDIA_PORT: '0', IDENTITY_URL: identityUrl, UPLOADS_DIR: uploadsDir, UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) });
  const app = buildMedia({ ...config, database: { dataDir: 'memory://' } }, { database, faces: options.realFaceAnalysis ? undefined : faces });
  const graphqlUrl = (await app.start()).url;
  const baseUrl = graphqlUrl.replace(/\/graphql$/, '');

  const caller = (token: string, organizationId: number): Caller => {
    const http = (pathAndQuery: string, init: RequestInit = {}) =>
      fetch(baseUrl + pathAndQuery, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
    return {
      token,
      organizationId,
      request: (query, variables) => post(graphqlUrl, token, query, variables),
      identity: async (query, variables) => dataOf(await post(identityUrl, token, query, variables)),
      http,
      upload: (kind, content, filename) => http(`/uploads?kind=${encodeURIComponent(kind)}`, { method: 'POST', body: uploadForm(content, filename) }),
    };
  };
  const login = async (email: string, password: string, organizationId?: number) => {
    const data = dataOf(await post<{ createToken: { accessToken: string } }>(identityUrl, undefined,
      'mutation($u:String!,$p:String!){ createToken(username:$u, password:$p){ accessToken } }', { u: email, p: password }));
    const token = data.createToken.accessToken;
    const me = organizationId ?? dataOf(await post<{ viewer: { organizationId: number } }>(identityUrl, token, '{ viewer { organizationId } }')).viewer.organizationId;
    return caller(token, me);
  };
  const admin = await login(ADMIN.email, ADMIN.password);
  const roleWith = async (permissions: readonly Permission[]) => {
    const data = await admin.identity('mutation($n:String!){ createRole(input:{name:$n, description:""}){ ... on Role { id } } }', { n: unique('Role ') });
    for (const permission of permissions) await admin.identity('mutation($r:Int!,$p:Permission!){ grantPermission(roleId:$r, permission:$p){ ... on Ok { ok } } }', { r: data.createRole.id, p: permission });
    return data.createRole.id as number;
  };
  const roles = Object.fromEntries((await admin.identity<{ roles: { id: number; name: string }[] }>('{ roles { id name } }')).roles.map((r) => [r.name, r.id]));

  return {
    admin,
    app,
    baseUrl,
    graphqlUrl,
    identityUrl,
    uploadsDir,
    faces,
    async organization() {
      const data = await admin.identity('mutation($n:String!){ createOrganization(input:{name:$n, description:""}){ ... on Organization { id } } }', { n: unique('Org ') });
      return data.createOrganization.id as number;
    },
    async user({ organizationId, role = 'administrator', permissions }) {
      const email = `${unique('user')}@media.test`;
      const roleId = permissions ? await roleWith(permissions) : roles[role];
      const input = { firstName: 'Test', lastName: 'User', email, password: PASSWORD, roleId, groupIds: [] };
      await admin.identity('mutation($i:UserInput!,$o:Int){ createUser(input:$i, organizationId:$o){ ... on User { id } } }', { i: input, o: organizationId });
      return login(email, PASSWORD, organizationId);
    },
    async stop() {
      await app.stop();
      await identity.stop();
      await database.close();
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
