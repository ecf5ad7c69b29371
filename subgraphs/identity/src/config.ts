import {
  bool,
  commonConfig,
  DEFAULT_PORTS,
  int,
  optionalStr,
  partUrl,
  portOf,
  type CommonConfig,
  type Env,
} from '@argus/core';

/** Sign-in throttling: failed attempts per account (e-mail) and per client address. */
export interface LoginThrottleConfig {
  readonly accountMaxFailures: number;
  readonly ipMaxFailures: number;
  readonly windowSeconds: number;
  readonly lockSeconds: number;
  readonly maxLockSeconds: number;
}

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
  /** bound of every call to an Orion service (WSDL fetch, GetVersion) */
  readonly orionTimeoutMs: number;
  /** shortest new or changed password */
  readonly passwordMinLength: number;
  readonly loginThrottle: LoginThrottleConfig;
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
    orionTimeoutMs: int(env, 'ORION_TIMEOUT_MS', 10_000, 100, 120_000),
    passwordMinLength: int(env, 'PASSWORD_MIN_LENGTH', 8, 1, 128),
    loginThrottle: Object.freeze({
      accountMaxFailures: int(env, 'LOGIN_ACCOUNT_MAX_FAILURES', 5, 1, 1_000),
      ipMaxFailures: int(env, 'LOGIN_IP_MAX_FAILURES', 50, 1, 100_000),
      windowSeconds: int(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
      lockSeconds: int(env, 'LOGIN_LOCK_SECONDS', 60, 1, 86_400),
      maxLockSeconds: int(env, 'LOGIN_LOCK_MAX_SECONDS', 900, 1, 7 * 86_400),
    }),
  });
}
