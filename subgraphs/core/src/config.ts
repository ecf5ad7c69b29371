import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { bool, ConfigError, int, optionalStr, str, type Env } from './env.js';
import type { DatabaseConfig } from './db/database.js';
import { DEFAULT_OPERATION_LIMITS, type GraphqlConfig } from './graphql/operation-limits.js';
import { metricsConfig, type MetricsConfig } from './observability/metrics.js';

/** Settings every part reads the same way (README lists each variable). */
export interface CommonConfig {
  readonly host: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  /** HS256 key for access and refresh tokens */
  readonly tokenSigningKey: string;
  /** HMAC key parts use between themselves (the router's signed viewer header, introspection) */
  readonly internalKey: string;
  readonly logLevel: string;
  /** GraphiQL, introspection and operation limits of the GraphQL endpoints (router and subgraphs) */
  readonly graphql?: GraphqlConfig;
  /** who may read /metrics (METRICS, METRICS_TOKEN) */
  readonly metrics?: MetricsConfig;
}

/** Default ports of the parts (each overridable by its own variable). */
export const DEFAULT_PORTS = {
  restFacade: 8080,
  router: 4000,
  identity: 4001,
  topology: 4002,
  watchlists: 4003,
  media: 4004,
} as const;

export function commonConfig(env: Env): CommonConfig {
  const dataDir = path.resolve(str(env, 'ARGUS_DATA_DIR', './data'));
  const url = optionalStr(env, 'DATABASE_URL');
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('DATABASE_URL must be a postgres:// URL');
  return {
    host: str(env, 'ARGUS_HOST', '127.0.0.1'),
    dataDir,
    database: { url, dataDir: path.join(dataDir, 'pglite'), poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 500) },
    tokenSigningKey: secret(env, 'ARGUS_TOKEN_SIGNING_KEY', dataDir, url),
    internalKey: secret(env, 'ARGUS_INTERNAL_KEY', dataDir, url),
    logLevel: str(env, 'LOG_LEVEL', 'info'),
    graphql: graphqlConfig(env),
    metrics: metricsConfig(env),
  };
}

/**
 * GraphiQL and introspection are on unless NODE_ENV=production (then GRAPHIQL=true and
 * GRAPHQL_INTROSPECTION=true turn them on); the GRAPHQL_MAX_* limits apply everywhere.
 */
export function graphqlConfig(env: Env): GraphqlConfig {
  const development = env.NODE_ENV !== 'production';
  const limit = (name: string, fallback: number) => int(env, name, fallback, 1);
  const defaults = DEFAULT_OPERATION_LIMITS;
  return Object.freeze({
    graphiql: bool(env, 'GRAPHIQL', development),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', development),
    limits: Object.freeze({
      maxDepth: limit('GRAPHQL_MAX_DEPTH', defaults.maxDepth),
      maxAliases: limit('GRAPHQL_MAX_ALIASES', defaults.maxAliases),
      maxTokens: limit('GRAPHQL_MAX_TOKENS', defaults.maxTokens),
      maxDirectives: limit('GRAPHQL_MAX_DIRECTIVES', defaults.maxDirectives),
      maxCost: limit('GRAPHQL_MAX_COST', defaults.maxCost),
    }),
  });
}

/**
 * A key from the environment; on the embedded database a generated key kept in the
 * data directory (so tokens survive restarts). With a server every process must share it.
 */
function secret(env: Env, name: string, dataDir: string, databaseUrl: string | undefined): string {
  const given = optionalStr(env, name);
  if (given) {
    if (given.length < 32) throw new ConfigError(`${name} must be at least 32 characters`);
    return given;
  }
  if (databaseUrl) throw new ConfigError(`${name} must be set when DATABASE_URL is set (every process shares it)`);
  const file = path.join(dataDir, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  if (!stored[name]) {
    stored[name] = randomBytes(48).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name]!;
}

export function portOf(env: Env, name: string, fallback: number): number {
  return int(env, name, fallback, 0, 65535);
}

/** Another part's GraphQL endpoint from `name` (default: that part's port on this host), e.g. IDENTITY_URL. */
export function partUrl(env: Env, name: string, defaultPort: number): string {
  const url = str(env, name, `http://127.0.0.1:${defaultPort}/graphql`);
  if (!/^https?:\/\/.+\/graphql$/.test(url)) throw new ConfigError(`${name} must be an http(s) URL ending in /graphql`);
  return url;
}
