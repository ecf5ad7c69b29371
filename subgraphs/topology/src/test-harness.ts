import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Database, UploadCatalog } from '@argus/core';
import { buildApp as buildIdentity, identityConfig } from '@argus/identity';
import { openTestDatabase } from '../../../test/support/database.js';
import { buildApp as buildTopology, topologyConfig } from './app.js';

/**
 * Identity and topology on free ports over one test database, called over real HTTP with
 * tokens from identity's createToken, as the router would see them.
 */

export const ADMIN = { email: 'admin@topology.test', password: 'admin-password-1' };
const PASSWORD = 'correct-horse-battery';
const KEYS = {
  ARGUS_TOKEN_SIGNING_KEY: 'topology-integration-tests-signing-key-0123456789',
  ARGUS_INTERNAL_KEY: 'topology-integration-tests-internal-key-0123456789',
};

/** Plan images exist while the uploads part does not: any id starting with "plan-image-". */
export const testUploads: UploadCatalog = { exists: async (id, kind) => kind === 'plan' && id.startsWith('plan-image-') };

export interface GraphqlResult<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string[]; status?: string } }[];
}

export interface Caller {
  readonly token: string;
  /** the raw answer of the topology subgraph */
  request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** the data of the topology subgraph's answer; fails on any error */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** the data of the identity subgraph's answer; fails on any error */
  identity<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export type RoleName = 'administrator' | 'operator' | 'viewer';

export interface TopologyHarness {
  readonly admin: Caller;
  /** SQL statements the topology part has run */
  readonly statements: { count: number };
  organization(): Promise<number>;
  group(organizationId: number): Promise<number>;
  user(spec: { organizationId: number; role?: RoleName; groupId?: number }): Promise<Caller>;
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

export async function startTopology(uploads: UploadCatalog = testUploads): Promise<TopologyHarness> {
  const database = await openTestDatabase();
  const env = { ...KEYS, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'silent', GRAPHIQL: 'false' };
  const identity = buildIdentity({ ...identityConfig({ ...env, IDENTITY_PORT: '0' }), database: { dataDir: 'memory://' } }, { database });
  const counter = new StatementCounter();
  const counted: Database = { db: database.db.withPlugin(counter), kind: database.kind, close: async () => undefined };
  const identityUrl = (await identity.start()).url;
  const topology = buildTopology({ ...topologyConfig({ ...env, TOPOLOGY_PORT: '0', IDENTITY_URL: identityUrl }), database: { dataDir: 'memory://' } }, { database: counted, uploads });
  const topologyUrl = (await topology.start()).url;

  const caller = (token: string): Caller => ({
    token,
    request: (query, variables) => post(topologyUrl, token, query, variables),
    query: async (query, variables) => dataOf(await post(topologyUrl, token, query, variables)),
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
    statements: counter,
    async organization() {
      const data = await admin.identity('mutation($n:String!){ createOrganization(input:{name:$n, description:""}){ ... on Organization { id } } }', { n: unique('Org ') });
      return data.createOrganization.id as number;
    },
    async group(organizationId) {
      const data = await admin.identity('mutation($n:String!,$o:Int){ createGroup(input:{name:$n, description:""}, organizationId:$o){ ... on Group { id } } }', { n: unique('Group '), o: organizationId });
      return data.createGroup.id as number;
    },
    async user({ organizationId, role = 'administrator', groupId }) {
      const email = `${unique('user')}@topology.test`;
      const input = { firstName: 'Test', lastName: 'User', email, password: PASSWORD, roleId: roles[role], groupIds: groupId === undefined ? [] : [groupId] };
      await admin.identity('mutation($i:UserInput!,$o:Int){ createUser(input:$i, organizationId:$o){ ... on User { id } } }', { i: input, o: organizationId });
      return login(email, PASSWORD);
    },
    async stop() {
      await topology.stop();
      await identity.stop();
      await database.close();
    },
  };
}
