import { bool, commonConfig, DEFAULT_PORTS, partUrl, portOf, type CommonConfig, type Env } from '@argus/core';

export interface WatchlistsConfig extends CommonConfig {
  readonly port: number;
  /** the identity subgraph's GraphQL endpoint: organizations, token introspection and the audit log */
  readonly identityUrl: string;
  /** the media subgraph's GraphQL endpoint: its internal uploads catalog is next to it */
  readonly mediaUrl: string;
  readonly graphiql: boolean;
}

export function watchlistsConfig(env: Env = process.env): WatchlistsConfig {
  return Object.freeze({
    ...commonConfig(env),
    port: portOf(env, 'WATCHLISTS_PORT', DEFAULT_PORTS.watchlists),
    identityUrl: partUrl(env, 'IDENTITY_URL', DEFAULT_PORTS.identity),
    mediaUrl: partUrl(env, 'MEDIA_URL', DEFAULT_PORTS.media),
    graphiql: bool(env, 'GRAPHIQL', true),
  });
}
