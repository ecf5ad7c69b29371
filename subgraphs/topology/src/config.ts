import { bool, commonConfig, ConfigError, DEFAULT_PORTS, portOf, str, type CommonConfig, type Env } from '@argus/core';

export interface TopologyConfig extends CommonConfig {
  readonly port: number;
  /** the identity subgraph's GraphQL endpoint: groups, token introspection and the audit log */
  readonly identityUrl: string;
  readonly graphiql: boolean;
}

export function topologyConfig(env: Env = process.env): TopologyConfig {
  const identityUrl = str(env, 'IDENTITY_URL', `http://127.0.0.1:${DEFAULT_PORTS.identity}/graphql`);
  if (!/^https?:\/\/.+\/graphql$/.test(identityUrl)) throw new ConfigError('IDENTITY_URL must be an http(s) URL ending in /graphql');
  return Object.freeze({
    ...commonConfig(env),
    port: portOf(env, 'TOPOLOGY_PORT', DEFAULT_PORTS.topology),
    identityUrl,
    graphiql: bool(env, 'GRAPHIQL', true),
  });
}

/** An internal endpoint of the identity part, next to its GraphQL endpoint. */
export function identityEndpoint(config: Pick<TopologyConfig, 'identityUrl'>, name: 'audit' | 'introspect'): string {
  return config.identityUrl.replace(/\/graphql$/, `/internal/${name}`);
}
