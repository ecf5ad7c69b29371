import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  bool,
  ConfigError,
  DEFAULT_PORTS,
  int,
  metricsConfig,
  optionalStr,
  partUrl,
  portOf,
  str,
  type Env,
  type MetricsConfig,
} from '@argus/core';

/** schema/openapi.yaml, written by `tsx rest-facade/src/openapi/write.ts`. */
const DEFAULT_OPENAPI_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'schema',
  'openapi.yaml',
);

export interface RestFacadeConfig {
  readonly host: string;
  readonly port: number;
  /** the GraphQL endpoint every operation runs against (the router) */
  readonly routerUrl: string;
  /** the media subgraph's GraphQL endpoint: upload bodies and content stream to its /uploads endpoints next to it */
  readonly mediaUrl: string;
  readonly logLevel: string;
  readonly openapiFile: string;
  /** milliseconds to wait for the router before answering 500 */
  readonly graphqlTimeoutMs: number;
  /** largest JSON or form body read */
  readonly maxBodyBytes: number;
  /** behind a reverse proxy: keep the incoming x-forwarded-for chain instead of only the socket address */
  readonly trustProxy: boolean;
  /** origins a browser may call the API from (CORS); empty: same origin only */
  readonly corsOrigins: readonly string[];
  /** /docs and /openapi.json are served (off with NODE_ENV=production unless API_DOCS=true) */
  readonly apiDocs: boolean;
  /** who may read /metrics (METRICS, METRICS_TOKEN) */
  readonly metrics: MetricsConfig;
}

export function restFacadeConfig(env: Env = process.env): RestFacadeConfig {
  return Object.freeze({
    host: str(env, 'ARGUS_HOST', '127.0.0.1'),
    port: portOf(env, 'REST_PORT', DEFAULT_PORTS.restFacade),
    routerUrl: httpUrl(str(env, 'ROUTER_URL', `http://127.0.0.1:${DEFAULT_PORTS.router}/graphql`), 'ROUTER_URL'),
    mediaUrl: partUrl(env, 'MEDIA_URL', DEFAULT_PORTS.media),
    logLevel: str(env, 'LOG_LEVEL', 'info'),
    openapiFile: path.resolve(str(env, 'OPENAPI_FILE', DEFAULT_OPENAPI_FILE)),
    graphqlTimeoutMs: int(env, 'REST_GRAPHQL_TIMEOUT_MS', 30_000, 100, 600_000),
    maxBodyBytes: int(env, 'REST_MAX_BODY_BYTES', 1_048_576, 1_024, 1_073_741_824),
    trustProxy: bool(env, 'REST_TRUST_PROXY', false),
    corsOrigins: Object.freeze(originList(optionalStr(env, 'CORS_ORIGINS'))),
    apiDocs: bool(env, 'API_DOCS', env.NODE_ENV !== 'production'),
    metrics: metricsConfig(env),
  });
}

function httpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  return url.toString();
}

/**
 * `https://a.example, http://localhost:3000` → the origins, each checked to be one (scheme, host,
 * port; `*` for any).
 */
export function originList(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      if (item === '*') return item;
      let origin: string;
      try {
        origin = new URL(item).origin;
      } catch {
        origin = 'null';
      }
      if (origin === 'null' || origin !== item.replace(/\/$/, '')) {
        throw new ConfigError(`CORS_ORIGINS must list origins such as https://app.example.com, got "${item}"`);
      }
      return origin;
    });
}
