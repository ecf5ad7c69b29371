import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database, Permission } from '@argus/core';
import {
  dataOf,
  postGraphql,
  startIdentityHarness,
  testKeys,
  type GraphqlResult,
  type RoleName,
} from '../../../test/support/identity-harness.js';
import { buildApp as buildMedia, mediaConfig, type MediaApp } from '../src/app.js';
import type { FaceMeta, FaceMetaProvider } from '../src/services/face-meta.js';

/**
 * Identity and media on free ports over one test database and a temporary uploads directory,
 * called over real HTTP with tokens from identity's createToken, as the router and the REST
 * facade would call them.
 */

export type { GraphqlResult, RoleName } from '../../../test/support/identity-harness.js';

export const KEYS = testKeys('media');
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/** The face a fake analyzer reports at (x, y). */
export function fakeFace(x: number, y: number): FaceMeta {
  return {
    detection: {
      rect: { x_min: x, y_min: y, x_max: x + 100, y_max: y + 120 },
      landmarks: [
        { x: x + 30, y: y + 40 },
        { x: x + 70, y: y + 40 },
      ],
      score: 0.98,
    },
    descriptor: {
      data: Buffer.from(new Float32Array([0.6, 0.8]).buffer).toString('base64'),
      norm: 12.5,
      version: 'fake-v1',
    },
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

export interface MediaHarness {
  readonly admin: Caller;
  readonly app: MediaApp;
  /** the test database the parts share */
  readonly database: Database;
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

/** With `realFaceAnalysis` the media engine's analyzer runs (ONNX models); otherwise `faces`, a fake. */
export async function startMedia(options: { realFaceAnalysis?: boolean } = {}): Promise<MediaHarness> {
  const identity = await startIdentityHarness('media');
  const uploadsDir = mkdtempSync(path.join(tmpdir(), 'argus-uploads-'));
  const faces = new FakeFaceAnalyzer();
  const config = mediaConfig({
    ...identity.env,
    MEDIA_PORT: '0',
    IDENTITY_URL: identity.identityUrl,
    UPLOADS_DIR: uploadsDir,
    UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
  });
  const app = buildMedia(
    { ...config, database: { dataDir: 'memory://' } },
    { database: identity.database, faces: options.realFaceAnalysis ? undefined : faces },
  );
  const graphqlUrl = (await app.start()).url;
  const baseUrl = graphqlUrl.replace(/\/graphql$/, '');

  const caller = async (token: string, organizationId?: number): Promise<Caller> => {
    const http = (pathAndQuery: string, init: RequestInit = {}) =>
      fetch(baseUrl + pathAndQuery, {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
      });
    return {
      token,
      organizationId:
        organizationId ??
        dataOf(
          await postGraphql<{ viewer: { organizationId: number } }>(
            identity.identityUrl,
            token,
            '{ viewer { organizationId } }',
          ),
        ).viewer.organizationId,
      request: (query, variables) => postGraphql(graphqlUrl, token, query, variables),
      identity: (query, variables) => identity.identity(token, query, variables),
      http,
      upload: (kind, content, filename) =>
        http(`/uploads?kind=${encodeURIComponent(kind)}`, { method: 'POST', body: uploadForm(content, filename) }),
    };
  };

  return {
    admin: await caller(identity.adminToken),
    app,
    database: identity.database,
    baseUrl,
    graphqlUrl,
    identityUrl: identity.identityUrl,
    uploadsDir,
    faces,
    organization: () => identity.organization(),
    async user({ organizationId, role = 'administrator', permissions }) {
      const { token } = await identity.user({
        organizationId,
        role: permissions ? await identity.role(permissions) : role,
      });
      return caller(token, organizationId);
    },
    async stop() {
      await app.stop();
      await identity.stop();
      rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
