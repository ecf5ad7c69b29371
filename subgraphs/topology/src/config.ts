import { bool, commonConfig, DEFAULT_PORTS, partUrl, portOf, type CommonConfig, type Env } from '@argus/core';

export interface TopologyConfig extends CommonConfig {
  readonly port: number;
  /** the identity subgraph's GraphQL endpoint: groups, token introspection and the audit log */
  readonly identityUrl: string;
  /** the media subgraph's GraphQL endpoint: its internal uploads catalog is next to it */
  readonly mediaUrl: string;
  readonly graphiql: boolean;
}

export function topologyConfig(env: Env = process.env): TopologyConfig {
  return Object.freeze({
    ...commonConfig(env),
    port: portOf(env, 'TOPOLOGY_PORT', DEFAULT_PORTS.topology),
    identityUrl: partUrl(env, 'IDENTITY_URL', DEFAULT_PORTS.identity),
    mediaUrl: partUrl(env, 'MEDIA_URL', DEFAULT_PORTS.media),
    graphiql: bool(env, 'GRAPHIQL', true),
  });
}
