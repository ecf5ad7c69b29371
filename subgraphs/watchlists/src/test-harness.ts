import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Database, Permission } from '@argus/core';
import { buildApp as buildIdentity, identityConfig } from '@argus/identity';
import { openTestDatabase } from '../../../test/support/database.js';
import { buildApp as buildWatchlists, watchlistsConfig } from './app.js';
import type { UploadChecker } from './services/index.js';

/**
 * Identity and watchlists on free ports over one test database, called over real HTTP with
 * tokens from identity's createToken, as the router would see them.
 */

export const ADMIN = { email: 'admin@watchlists.test', password: 'admin-password-1' };
const PASSWORD = 'correct-horse-battery';
const KEYS = {
  ARGUS_TOKEN_SIGNING_KEY: 'watchlists-integration-tests-signing-key-0123456789',
  ARGUS_INTERNAL_KEY: 'watchlists-integration-tests-internal-key-0123456789',
};

/**
 * A stand-in for the media part's uploads: face images are ids starting "face-image-", vehicle images
 * "vehicle-image-"; an id ending "@<organization id>" is an upload of that organization, which only its
 * members and superusers may use (as core's scoped catalog answers).
 */
export const testUploads: UploadChecker = {
  exists: async (id, kind, viewer) => {
    const owner = /@(\d+)$/.exec(id)?.[1];
    if (owner !== undefined && viewer && !viewer.isSuperuser && viewer.organizationId !== Number(owner)) return false;
    return (kind === 'face_image' && id.startsWith('face-image-')) || (kind === 'vehicle_image' && id.startsWith('vehicle-image-'));
  },
};

export interface GraphqlResult<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string[]; status?: string } }[];
}

export interface Caller {
  readonly token: string;
  /** the raw answer of the watchlists subgraph */
  request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** the data of the watchlists subgraph's answer; fails on any error */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** the data of the identity subgraph's answer; fails on any error */
  identity<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export type RoleName = 'administrator' | 'operator' | 'viewer';

export interface WatchlistsHarness {
  /** the first superuser */
  readonly admin: Caller;
  /** no token at all */
  readonly anonymous: Caller;
  /** SQL statements the watchlists part has run */
  readonly statements: { count: number };
  organization(): Promise<number>;
  /** a new role holding exactly these permissions */
  role(permissions: readonly Permission[]): Promise<number>;
  user(spec: { organizationId: number; role?: RoleName | number }): Promise<Caller>;
  stop(): Promise<void>;
}

/** Counts executed statements (results, not compilations: subqueries are compiled on their own too). */
class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return args.result;
  }
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

export async function startWatchlists(uploads: UploadChecker = testUploads): Promise<WatchlistsHarness> {
  const database = await openTestDatabase();
  const env = { ...KEYS, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', GRAPHIQL: 'false' };
  const identity = buildIdentity({ ...identityConfig({ ...env, IDENTITY_PORT: '0' }), database: { dataDir: 'memory://' } }, { database });
  const counter = new StatementCounter();
  const counted: Database = { db: database.db.withPlugin(counter), kind: database.kind, close: async () => undefined };
  const identityUrl = (await identity.start()).url;
  const watchlists = buildWatchlists({ ...watchlistsConfig({ ...env, WATCHLISTS_PORT: '0', IDENTITY_URL: identityUrl }), database: { dataDir: 'memory://' } }, { database: counted, uploads });
  const watchlistsUrl = (await watchlists.start()).url;

  const caller = (token: string): Caller => ({
    token,
    request: (query, variables) => post(watchlistsUrl, token, query, variables),
    query: async (query, variables) => dataOf(await post(watchlistsUrl, token, query, variables)),
    identity: async (query, variables) => dataOf(await post(identityUrl, token, query, variables)),
  });
  const login = async (email: string, password: string) => {
    const data = dataOf(await post<{ createToken: { accessToken: string } }>(identityUrl, undefined,
      'mutation($u:String!,$p:String!){ createToken(username:$u, password:$p){ accessToken } }', { u: email, p: password }));
    return caller(data.createToken.accessToken);
  };
  const admin = await login(ADMIN.email, ADMIN.password);
  const roles = Object.fromEntries((await admin.identity<{ roles: { id: number; name: string }[] }>('{ roles { id name } }')).roles.map((r) => [r.name, r.id]));

  return {
    admin,
    anonymous: caller(''),
    statements: counter,
    async organization() {
      const data = await admin.identity('mutation($n:String!){ createOrganization(input:{name:$n, description:""}){ ... on Organization { id } } }', { n: unique('Org ') });
      return data.createOrganization.id as number;
    },
    async role(permissions) {
      const data = await admin.identity('mutation($n:String!){ createRole(input:{name:$n, description:""}){ ... on Role { id } } }', { n: unique('role-') });
      for (const permission of permissions) {
        await admin.identity('mutation($r:Int!,$p:Permission!){ grantPermission(roleId:$r, permission:$p){ __typename } }', { r: data.createRole.id, p: permission });
      }
      return data.createRole.id as number;
    },
    async user({ organizationId, role = 'administrator' }) {
      const email = `${unique('user')}@watchlists.test`;
      const input = { firstName: 'Test', lastName: 'User', email, password: PASSWORD, roleId: typeof role === 'number' ? role : roles[role], groupIds: [] };
      await admin.identity('mutation($i:UserInput!,$o:Int){ createUser(input:$i, organizationId:$o){ ... on User { id } } }', { i: input, o: organizationId });
      return login(email, PASSWORD);
    },
    async stop() {
      await watchlists.stop();
      await identity.stop();
      await database.close();
    },
  };
}
