import type { BlockList } from 'node:net';
import {
  bool,
  commonConfig,
  ConfigError,
  DEFAULT_PORTS,
  graphqlConfig,
  int,
  LOOPBACK_NETWORKS,
  networkList,
  oneOf,
  optionalStr,
  portOf,
  type CommonConfig,
  type Env,
  type GraphqlConfig,
} from '@argus/core';

/** A subgraph the router composes: its name in the supergraph and its GraphQL endpoint. */
export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

export type QueryPlanner = 'rust' | 'js';

export interface RouterConfig extends CommonConfig {
  readonly port: number;
  /** the subgraphs to compose, in this order; one whose URL is empty or "off" is left out */
  readonly subgraphs: readonly SubgraphEndpoint[];
  /** identity's token introspection endpoint (derived from IDENTITY_URL) */
  readonly introspectUrl: string;
  readonly queryPlanner: QueryPlanner;
  /** GraphiQL, introspection (both off with NODE_ENV=production unless enabled) and operation limits */
  readonly graphql: GraphqlConfig;
  /** origins whose browsers may call the router (CORS; `*`: any); none: same origin only */
  readonly corsOrigins: readonly string[];
  /** peers whose X-Forwarded-For names the client (TRUSTED_PROXIES; default loopback, e.g. the REST facade) */
  readonly trustedProxies: BlockList;
  /** ROUTER_VIEWER_CACHE: keep identity's token answers while its change feed keeps them current (default on) */
  readonly viewerCache: boolean;
  /** ROUTER_MAX_SUBSCRIPTIONS_PER_USER: subscriptions one user may hold open on one router process (default 100) */
  readonly maxSubscriptionsPerUser: number;
}

const SUBGRAPHS = [
  { name: 'identity', variable: 'IDENTITY_URL', port: DEFAULT_PORTS.identity },
  { name: 'topology', variable: 'TOPOLOGY_URL', port: DEFAULT_PORTS.topology },
  { name: 'watchlists', variable: 'WATCHLISTS_URL', port: DEFAULT_PORTS.watchlists },
  { name: 'media', variable: 'MEDIA_URL', port: DEFAULT_PORTS.media },
] as const;

function subgraphUrl(env: Env, variable: string, port: number): string | undefined {
  const raw = env[variable];
  if (raw === undefined) return `http://127.0.0.1:${port}/graphql`;
  const value = raw.trim();
  if (value === '' || value.toLowerCase() === 'off') return undefined;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol))
    throw new ConfigError(`${variable} must be an http(s) URL or "off", got "${value}"`);
  return value;
}

/**
 * CORS_ORIGINS (read like the REST facade reads it): comma-separated origins such as
 * `https://app.example.com` (scheme, host, port; a trailing slash is dropped), or `*` for any.
 */
function corsOrigins(env: Env): readonly string[] {
  const items = (optionalStr(env, 'CORS_ORIGINS') ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  return Object.freeze(
    items.map((item) => {
      if (item === '*') return item;
      const origin = URL.canParse(item) ? new URL(item).origin : 'null';
      if (origin === 'null' || origin !== item.replace(/\/$/, '')) {
        throw new ConfigError(`CORS_ORIGINS must list origins like https://app.example.com, got "${item}"`);
      }
      return origin;
    }),
  );
}

function trustedProxies(env: Env): BlockList {
  try {
    return networkList(optionalStr(env, 'TRUSTED_PROXIES') ?? LOOPBACK_NETWORKS);
  } catch (error) {
    throw new ConfigError(`TRUSTED_PROXIES: ${(error as Error).message}`);
  }
}

/** The introspection endpoint next to a subgraph's GraphQL endpoint: `/graphql` → `/internal/introspect`. */
export function introspectUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '') + '/internal/introspect';
  url.search = '';
  return url.toString();
}

export function routerConfig(env: Env = process.env): RouterConfig {
  const identityUrl =
    subgraphUrl(env, 'IDENTITY_URL', DEFAULT_PORTS.identity) ?? `http://127.0.0.1:${DEFAULT_PORTS.identity}/graphql`;
  const subgraphs = SUBGRAPHS.flatMap(({ name, variable, port }) => {
    const url = subgraphUrl(env, variable, port);
    return url ? [Object.freeze({ name, url })] : [];
  });
  return Object.freeze({
    ...commonConfig(env),
    port: portOf(env, 'ROUTER_PORT', DEFAULT_PORTS.router),
    subgraphs: Object.freeze(subgraphs),
    introspectUrl: introspectUrlOf(identityUrl),
    queryPlanner: oneOf(env, 'ROUTER_QUERY_PLANNER', ['rust', 'js'] as const, 'rust'),
    graphql: graphqlConfig(env),
    corsOrigins: corsOrigins(env),
    trustedProxies: trustedProxies(env),
    viewerCache: bool(env, 'ROUTER_VIEWER_CACHE', true),
    maxSubscriptionsPerUser: int(env, 'ROUTER_MAX_SUBSCRIPTIONS_PER_USER', 100, 1, 100_000),
  });
}
