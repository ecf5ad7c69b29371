import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bool, ConfigError, DEFAULT_PORTS, int, partUrl, portOf, str, type Env } from '@argus/core';

/** schema/openapi.yaml, written by `tsx rest-facade/src/openapi/write.ts`. */
const DEFAULT_OPENAPI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema', 'openapi.yaml');

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
  });
}

function httpUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`);
  return url.toString();
}
