import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { encodeAnonymous, VIEWER_HEADER, type Database, type Permission } from '@argus/core';
import { buildApp as buildIdentity, identityConfig } from '@argus/identity';
import { openTestDatabase } from './database.js';

/**
 * The identity part on a free port over a fresh test database, for the integration tests of
 * another subgraph: its superuser's token, and organizations, groups, roles and users made
 * through identity's GraphQL API, as the router would see them. The subgraph under test gets
 * `env` (keys, admin, log level) and `counted`, the same database counting its statements.
 */

export const TEST_PASSWORD = 'correct-horse-battery';
export type RoleName = 'administrator' | 'operator' | 'viewer';

export interface GraphqlResult<T> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string[]; status?: string } }[];
}

export interface NewTestUser {
  readonly organizationId: number;
  /** an internal role, or a role id */
  readonly role?: RoleName | number;
  readonly groupId?: number;
}

export interface IdentityHarness {
  readonly database: Database;
  /** the database as the subgraph under test should get it: statements it runs are counted */
  readonly counted: Database;
  readonly statements: { count: number };
  /** settings every part of the test shares (keys, first superuser, quiet logs) */
  readonly env: Record<string, string>;
  readonly identityUrl: string;
  readonly adminToken: string;
  /** the data of identity's answer to `token`'s request; fails on any error */
  identity<T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  login(email: string, password: string): Promise<string>;
  organization(): Promise<number>;
  group(organizationId: number): Promise<number>;
  /** a new role holding exactly these permissions */
  role(permissions: readonly Permission[]): Promise<number>;
  /** a new user (password TEST_PASSWORD) and their access token */
  user(spec: NewTestUser): Promise<{ email: string; token: string }>;
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

export async function postGraphql<T>(
  url: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlResult<T>;
}

export function dataOf<T>(result: GraphqlResult<T>): T {
  if (result.errors?.length || result.data === undefined)
    throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The token signing and internal keys of a suite's parts. */
export function testKeys(tag: string): { ARGUS_TOKEN_SIGNING_KEY: string; ARGUS_INTERNAL_KEY: string } {
  return {
    ARGUS_TOKEN_SIGNING_KEY: `${tag}-integration-tests-signing-key-0123456789abc`,
    ARGUS_INTERNAL_KEY: `${tag}-integration-tests-internal-key-0123456789abc`,
  };
}

/** A signed-in user calling the subgraph under test over HTTP (and identity, for fixtures). */
export interface Caller {
  readonly token: string;
  /** the raw answer of the subgraph under test */
  request<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>>;
  /** the data of the subgraph's answer; fails on any error */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** the data of the identity subgraph's answer; fails on any error */
  identity<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** `token`'s caller of the subgraph at `subgraphUrl`. */
export function callerOf(subgraphUrl: string, harness: Pick<IdentityHarness, 'identity'>, token: string): Caller {
  return {
    token,
    request: (query, variables) => postGraphql(subgraphUrl, token, query, variables),
    query: async (query, variables) => dataOf(await postGraphql(subgraphUrl, token, query, variables)),
    identity: (query, variables) => harness.identity(token, query, variables),
  };
}

let serial = 0;
export const uniqueName = (prefix: string) => `${prefix}${++serial}`;

/** `tag` names the suite (admin e-mail domain, keys), e.g. "topology". */
export async function startIdentityHarness(tag: string): Promise<IdentityHarness> {
  const database = await openTestDatabase();
  const admin = { email: `admin@${tag}.test`, password: 'admin-password-1' };
  const env = {
    ...testKeys(tag),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    LOG_LEVEL: 'silent',
    GRAPHIQL: 'false',
  };
  const app = buildIdentity(
    { ...identityConfig({ ...env, IDENTITY_PORT: '0' }), database: { dataDir: 'memory://' } },
    { database },
  );
  const identityUrl = (await app.start()).url;
  const counter = new StatementCounter();
  const counted: Database = { db: database.db.withPlugin(counter), kind: database.kind, close: async () => undefined };

  const identity = async <T = any>(token: string, query: string, variables?: Record<string, unknown>) =>
    dataOf<T>(await postGraphql<T>(identityUrl, token, query, variables));
  // sign-in is anonymous: a subgraph takes it only as the router forwards it, signed with the internal key
  const login = async (email: string, password: string) => {
    const data = dataOf(
      await postGraphql<{ createToken: { accessToken: string } }>(
        identityUrl,
        undefined,
        'mutation($u:String!,$p:String!){ createToken(username:$u, password:$p){ accessToken } }',
        { u: email, p: password },
        { [VIEWER_HEADER]: encodeAnonymous(env.ARGUS_INTERNAL_KEY) },
      ),
    );
    return data.createToken.accessToken;
  };
  const adminToken = await login(admin.email, admin.password);
  const roles = Object.fromEntries(
    (await identity<{ roles: { id: number; name: string }[] }>(adminToken, '{ roles { id name } }')).roles.map((r) => [
      r.name,
      r.id,
    ]),
  );

  return {
    database,
    counted,
    statements: counter,
    env,
    identityUrl,
    adminToken,
    identity,
    login,
    async organization() {
      const data = await identity(
        adminToken,
        'mutation($n:String!){ createOrganization(input:{name:$n, description:""}){ ... on Organization { id } } }',
        { n: uniqueName('Org ') },
      );
      return data.createOrganization.id as number;
    },
    async group(organizationId) {
      const data = await identity(
        adminToken,
        'mutation($n:String!,$o:Int){ createGroup(input:{name:$n, description:""}, organizationId:$o){ ... on Group { id } } }',
        { n: uniqueName('Group '), o: organizationId },
      );
      return data.createGroup.id as number;
    },
    async role(permissions) {
      const data = await identity(
        adminToken,
        'mutation($n:String!){ createRole(input:{name:$n, description:""}){ ... on Role { id } } }',
        { n: uniqueName('role-') },
      );
      for (const permission of permissions) {
        await identity(
          adminToken,
          'mutation($r:Int!,$p:Permission!){ grantPermission(roleId:$r, permission:$p){ __typename } }',
          { r: data.createRole.id, p: permission },
        );
      }
      return data.createRole.id as number;
    },
    async user({ organizationId, role = 'administrator', groupId }) {
      const email = `${uniqueName('user')}@${tag}.test`;
      const input = {
        firstName: 'Test',
        lastName: 'User',
        email,
        password: TEST_PASSWORD,
        roleId: typeof role === 'number' ? role : roles[role],
        groupIds: groupId === undefined ? [] : [groupId],
      };
      await identity(
        adminToken,
        'mutation($i:UserInput!,$o:Int){ createUser(input:$i, organizationId:$o){ ... on User { id } } }',
        { i: input, o: organizationId },
      );
      return { email, token: await login(email, TEST_PASSWORD) };
    },
    async stop() {
      await app.stop();
      await database.close();
    },
  };
}
