import { bool, commonConfig, DEFAULT_PORTS, int, optionalStr, partUrl, portOf, type CommonConfig, type Env } from '@argus/core';

export interface IdentityConfig extends CommonConfig {
  readonly port: number;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /** first superuser; a password is generated and printed once when unset */
  readonly adminEmail: string;
  readonly adminPassword?: string;
  /** the media subgraph's GraphQL endpoint: its internal uploads catalog is next to it */
  readonly mediaUrl: string;
  readonly graphiql: boolean;
}

export function identityConfig(env: Env = process.env): IdentityConfig {
  return Object.freeze({
    ...commonConfig(env),
    port: portOf(env, 'IDENTITY_PORT', DEFAULT_PORTS.identity),
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 5, 86_400),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
    adminEmail: optionalStr(env, 'ADMIN_EMAIL') ?? 'admin@argus.local',
    adminPassword: optionalStr(env, 'ADMIN_PASSWORD'),
    mediaUrl: partUrl(env, 'MEDIA_URL', DEFAULT_PORTS.media),
    graphiql: bool(env, 'GRAPHIQL', true),
  });
}
