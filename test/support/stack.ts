import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createClient, type Client, type ExecutionResult } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import YAML from 'yaml';
import type { Database } from '@argus/core';
import { startStack, type SubgraphUrls } from '@argus/stack';
import { openTestDatabase } from './database.js';

/** The first superuser every test stack starts with. */
export const ADMIN = { email: 'admin@argus.local', password: 'secret-pass' } as const;

export type RoleName = 'administrator' | 'operator' | 'viewer';
type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

export interface RestResult<T = any> {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface RestOptions {
  readonly token?: string;
  /** sent as JSON */
  readonly json?: unknown;
  /** sent as application/x-www-form-urlencoded */
  readonly form?: Record<string, string>;
  readonly query?: Record<string, QueryValue>;
  readonly headers?: Record<string, string>;
}

export interface GraphqlResult<T = any> {
  readonly status: number;
  readonly body: {
    data?: T | null;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  };
}

export interface TestUser {
  readonly id: number;
  readonly email: string;
  readonly password: string;
  readonly organization_id: number;
  readonly role_id: number;
  readonly first_name: string;
  readonly last_name: string;
  readonly groups: { id: number; name: string }[];
}

export interface NewUser {
  readonly organizationId?: number;
  readonly role?: RoleName | number;
  readonly groupIds?: number[];
  readonly firstName?: string;
  readonly lastName?: string;
  readonly email?: string;
  readonly password?: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTRACT = YAML.parse(readFileSync(path.join(ROOT, 'schema', 'openapi.yaml'), 'utf8')) as any;

/** The whole stack on free ports and its own database, with a signed-in superuser and helpers to call it. */
export class TestStack {
  private readonly clients: Client[] = [];
  private serial = 0;
  /** role name → id, from GET /roles */
  roles!: Record<RoleName, number>;
  /** the superuser's access token */
  adminToken!: string;

  private constructor(
    readonly restUrl: string,
    readonly routerUrl: string,
    /** each subgraph's GraphQL endpoint (…/graphql), for calls that bypass the router */
    readonly subgraphs: SubgraphUrls,
    /** the stack's database, for fixtures the API cannot make (e.g. an old audit entry) */
    readonly database: Database,
    private readonly stopAll: () => Promise<void>,
  ) {}

  /**
   * Starts the stack once (call it in beforeAll) and signs the superuser in. Face images are
   * analysed only with `faceAnalysis` (loading the models takes a while); without it face
   * images answer 503. A media engine (stream server: ffmpeg ingest) runs only with `mediaEngine`.
   */
  static async start(
    options: { faceAnalysis?: boolean; mediaEngine?: boolean; env?: Record<string, string> } = {},
  ): Promise<TestStack> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'argus-e2e-'));
    const database = await openTestDatabase();
    const env = {
      ARGUS_DATA_DIR: dataDir,
      REST_PORT: '0',
      ROUTER_PORT: '0',
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'warn',
      FACE_ANALYSIS: String(options.faceAnalysis ?? false),
      MEDIA_ENGINE: String(options.mediaEngine ?? false),
      // the test RTSP servers listen on loopback, which POST /streams/verify refuses by default
      STREAM_ALLOWED_NETWORKS: '127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7',
      ...options.env,
    };
    const stack = await startStack(env, database).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    const test = new TestStack(stack.restUrl, stack.routerUrl, stack.subgraphs, database, async () => {
      await stack.stop();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    test.adminToken = (await test.login(ADMIN.email, ADMIN.password)).access_token;
    const roles = await test.rest('GET', '/roles', { token: test.adminToken });
    test.roles = Object.fromEntries(
      roles.body.roles.map((r: { name: string; id: number }) => [r.name, r.id]),
    ) as Record<RoleName, number>;
    return test;
  }

  /** Closes WebSocket clients, the stack, the database and the data directory (call it in afterAll). */
  async stop(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.dispose()));
    await this.stopAll();
  }

  /** A REST call under /api/v1. */
  async rest<T = any>(method: string, apiPath: string, options: RestOptions = {}): Promise<RestResult<T>> {
    const url = new URL(`${this.restUrl}/api/v1${apiPath}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    return {
      method,
      path: `/api/v1${apiPath}`,
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  /** POST /uploads?kind= (25.1) with the bytes as the multipart field `upload_data`. */
  async upload(
    token: string | undefined,
    kind: string,
    bytes: Uint8Array<ArrayBuffer>,
    filename = 'image',
    type = 'application/octet-stream',
  ): Promise<RestResult> {
    const form = new FormData();
    form.append('upload_data', new Blob([bytes], { type }), filename);
    const apiPath = `/uploads?kind=${encodeURIComponent(kind)}`;
    const response = await fetch(`${this.restUrl}/api/v1${apiPath}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    const text = await response.text();
    return {
      method: 'POST',
      path: '/api/v1/uploads',
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  /** A GraphQL request over HTTP to the router. */
  async gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphqlResult<T>> {
    const response = await fetch(this.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphqlResult<T>['body'] };
  }

  /** A graphql-ws client of the router (closed by stop()). */
  ws(token?: string): Client {
    const client = createClient({
      url: this.routerUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      // one socket for every operation of the client, until stop()
      lazyCloseTimeout: 600_000,
    });
    this.clients.push(client);
    return client;
  }

  /** POST /token with the password grant; fails the test unless it answers 200. */
  async login(email: string, password: string): Promise<{ access_token: string; refresh_token: string }> {
    const res = await this.rest('POST', '/token', { form: { grant_type: 'password', username: email, password } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  /** A name no other call of this stack returns. */
  unique(prefix: string): string {
    this.serial += 1;
    return `${prefix}${this.serial}${randomBytes(2).toString('hex')}`;
  }

  async createOrganization(name = this.unique('Org ')): Promise<{ id: number; name: string }> {
    const res = await this.rest('POST', '/organizations', {
      token: this.adminToken,
      json: { name, description: `${name} for tests` },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async createGroup(organizationId: number, name = this.unique('Group ')): Promise<{ id: number; name: string }> {
    const res = await this.rest('POST', '/groups', {
      token: this.adminToken,
      json: { name, description: `${name} for tests` },
      query: { organization_id: organizationId },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  /** A role holding exactly these permissions, created and granted by the superuser: its id. */
  async createRole(permissions: readonly string[], name = this.unique('Role ')): Promise<number> {
    const role = await this.rest('POST', '/roles', {
      token: this.adminToken,
      json: { name, description: permissions.join(' ') },
    });
    expectSpec(role, 200);
    for (const permission of permissions) {
      expectSpec(
        await this.rest('POST', '/permissions', {
          token: this.adminToken,
          json: { role_id: role.body.id, permission },
        }),
        200,
      );
    }
    return role.body.id;
  }

  /** A user created by the superuser (argon2 hashes the password: create many with createUsers). */
  async createUser(spec: NewUser = {}): Promise<TestUser> {
    const tag = this.unique('u');
    const password = spec.password ?? `pw-${tag}-secret`;
    const role = typeof spec.role === 'number' ? spec.role : this.roles[spec.role ?? 'viewer'];
    const res = await this.rest('POST', '/users', {
      token: this.adminToken,
      query: { organization_id: spec.organizationId },
      json: {
        first_name: spec.firstName ?? 'Test',
        last_name: spec.lastName ?? `User${tag}`,
        email: spec.email ?? `${tag}@example.com`,
        password,
        group_ids: spec.groupIds ?? [],
        role_id: role,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { ...res.body, password };
  }

  /** Creates users in parallel batches (argon2 is slow by design). */
  async createUsers(specs: NewUser[], batch = 4): Promise<TestUser[]> {
    const users: TestUser[] = [];
    for (let i = 0; i < specs.length; i += batch)
      users.push(...(await Promise.all(specs.slice(i, i + batch).map((s) => this.createUser(s)))));
    return users;
  }

  /** A new user with the role in the organization, and an access token of theirs. */
  async member(organizationId: number | undefined, role: RoleName | number): Promise<TestUser & { token: string }> {
    const user = await this.createUser({ organizationId, role });
    return { ...user, token: (await this.login(user.email, user.password)).access_token };
  }
}

export type WsOutcome<T> = ExecutionResult<T> | { closed: number; reason: string } | { failed: unknown };

/**
 * Runs one operation over a graphql-ws client: its single result, the close code and reason
 * when the server closed the socket, or the errors the server answered the operation with.
 */
export function wsExecute<T = any>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<WsOutcome<T>> {
  return new Promise((resolve) => {
    let result: ExecutionResult<T> | undefined;
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          result = value as ExecutionResult<T>;
        },
        error: (error) => {
          const close = error as { code?: unknown; reason?: unknown };
          resolve(
            typeof close.code === 'number' ? { closed: close.code, reason: String(close.reason) } : { failed: error },
          );
        },
        complete: () => resolve(result ?? { failed: 'completed without a result' }),
      },
    );
  });
}

/** `{status, status_code, detail}`, the error body of every status but 422. */
export function errorBody(status: string, statusCode: number): Record<string, unknown> {
  return { status, status_code: statusCode, detail: expect.any(String) };
}

/** Asserts the status and that the body matches the schema the contract declares for it. */
export function expectSpec(res: RestResult, status: number): void {
  expect(res.status, `${res.method} ${res.path}: ${JSON.stringify(res.body)}`).toBe(status);
  expect(contractViolations(res), `${res.method} ${res.path} → ${status} against schema/openapi.yaml`).toEqual([]);
}

/** Asserts a FastAPI 422 whose detail holds an entry at `loc`. */
export function expectValidation(res: RestResult, loc: (string | number)[]): void {
  expectSpec(res, 422);
  expect(res.body.detail).toEqual(
    expect.arrayContaining([expect.objectContaining({ loc, msg: expect.any(String), type: expect.any(String) })]),
  );
}

// --- the contract: each response body against the schema declared for its operation and status

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'openapi', components: CONTRACT.components }, 'openapi');
const validators = new Map<string, ValidateFunction>();

/** Errors every operation may answer though not all declare them. */
const GENERIC: Record<number, string> = {
  400: 'InvalidRequestError',
  401: 'UnauthenticatedError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  422: 'HTTPValidationError',
  501: 'NotImplementedError',
};

const routes = Object.entries(CONTRACT.paths as Record<string, Record<string, any>>)
  .flatMap(([template, operations]) =>
    Object.entries(operations)
      .filter(([m]) => m !== 'parameters')
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        params: (template.match(/\{/g) ?? []).length,
        template,
        operation,
      })),
  )
  .sort((a, b) => a.params - b.params);

/** The contract's operation for a request, literal paths before templated ones (/users/me before /users/{user_id}). */
export function operationOf(
  method: string,
  apiPath: string,
): { operationId: string; template: string; operation: any } | undefined {
  const route = routes.find((r) => r.method === method && r.pattern.test(apiPath));
  return route && { operationId: route.operation.operationId, template: route.template, operation: route.operation };
}

export function contractViolations(res: RestResult): string[] {
  const route = operationOf(res.method, res.path);
  if (!route) return [`no operation for ${res.method} ${res.path}`];
  const declared = route.operation.responses?.[String(res.status)];
  const response = declared?.$ref ? CONTRACT.components.responses[String(declared.$ref).split('/').pop()!] : declared;
  if (!response) {
    const generic = GENERIC[res.status];
    if (!generic) return [`status ${res.status} is not declared`];
    return validate(generic, { $ref: `#/components/schemas/${generic}` }, res.body);
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema)
    return res.body === undefined ? [] : [`status ${res.status} declares no body, got ${JSON.stringify(res.body)}`];
  return validate(`${route.operationId} ${res.status}`, schema, res.body);
}

function validate(key: string, schema: unknown, body: unknown): string[] {
  let validator = validators.get(key);
  if (!validator) {
    validator = ajv.compile(rebase(schema));
    validators.set(key, validator);
  }
  return validator(body)
    ? []
    : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

/** Inline schemas refer to components with '#/…': point those at the registered document. */
function rebase(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `openapi${v}` : rebase(v),
    ]),
  );
}
