import { bool, commonConfig, ConfigError, DEFAULT_PORTS, portOf, str, type CommonConfig, type Env } from '@argus/core';

export interface WatchlistsConfig extends CommonConfig {
  readonly port: number;
  /** the identity subgraph's GraphQL endpoint: organizations, token introspection and the audit log */
  readonly identityUrl: string;
  readonly graphiql: boolean;
}

export function watchlistsConfig(env: Env = process.env): WatchlistsConfig {
  const identityUrl = str(env, 'IDENTITY_URL', `http://127.0.0.1:${DEFAULT_PORTS.identity}/graphql`);
  if (!/^https?:\/\/.+\/graphql$/.test(identityUrl)) throw new ConfigError('IDENTITY_URL must be an http(s) URL ending in /graphql');
  return Object.freeze({
    ...commonConfig(env),
    port: portOf(env, 'WATCHLISTS_PORT', DEFAULT_PORTS.watchlists),
    identityUrl,
    graphiql: bool(env, 'GRAPHIQL', true),
  });
}

/** An internal endpoint of the identity part, next to its GraphQL endpoint. */
export function identityEndpoint(config: Pick<WatchlistsConfig, 'identityUrl'>, name: 'audit' | 'introspect'): string {
  return config.identityUrl.replace(/\/graphql$/, `/internal/${name}`);
}
