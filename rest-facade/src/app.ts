import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, observePart, restOperationMatcher } from '@argus/core';
import type { Document } from 'openapi-backend';
import YAML from 'yaml';
import type { RestFacadeConfig } from './config.js';
import { httpGraphqlClient, type GraphqlClient, type GraphqlFetch } from './graphql/client.js';
import { loadOperationDocuments } from './graphql/documents.js';
import { IMPLEMENTED_OPERATIONS } from './handlers/index.js';
import { runOperation } from './handlers/runner.js';
import { restRequestListener, type Exchange } from './http/server.js';
import { routerTokenCheck, withoutAuthorization } from './http/token-check.js';
import { createRestApi } from './openapi/backend.js';

export { restFacadeConfig, type RestFacadeConfig } from './config.js';

export interface RestFacadeDeps {
  /** replaces the HTTP client of ROUTER_URL (tests) */
  readonly client?: GraphqlClient;
  /**
   * A router in the same process called without a socket (its `fetch`): GraphQL requests for
   * ROUTER_URL go there, with the same headers, body and timeout as over HTTP
   */
  readonly routerFetch?: GraphqlFetch;
}

export interface RestFacadeApp {
  /** the base URL; the API lives under /api/v1 */
  start(): Promise<{ url: string }>;
  stop(): Promise<void>;
}

/** REST /api/v1 over the GraphQL router: openapi-backend on schema/openapi.yaml, one GraphQL document per operation. */
export function buildApp(config: RestFacadeConfig, deps: RestFacadeDeps = {}): RestFacadeApp {
  const logger = createLogger('rest-facade', config.logLevel);
  let server: Server | undefined;
  const observed = observePart({ part: 'rest-facade', config: config.metrics });

  return {
    async start() {
      const document = YAML.parse(readFileSync(config.openapiFile, 'utf8')) as Document;
      const documents = loadOperationDocuments();
      const missing = Object.keys(IMPLEMENTED_OPERATIONS).filter((id) => !documents.has(id));
      if (missing.length > 0) throw new Error(`no GraphQL document for ${missing.join(', ')}`);
      const client = deps.client ?? httpGraphqlClient(config.routerUrl, config.graphqlTimeoutMs, deps.routerFetch);
      const checkToken = routerTokenCheck(client);
      const api = await createRestApi<Exchange>(
        document,
        new Set(Object.keys(IMPLEMENTED_OPERATIONS)),
        (operationId, request, exchange) =>
          runOperation(
            { client, documents },
            operationId,
            IMPLEMENTED_OPERATIONS[operationId]!,
            request,
            exchange.forwarded,
            exchange.logger,
          ),
        {
          verifyToken: (exchange) => checkToken(exchange.forwarded),
          publicExchange: (exchange) => ({ ...exchange, forwarded: withoutAuthorization(exchange.forwarded) }),
        },
      );

      const listening = createServer(
        observed.serve(
          restRequestListener({
            api,
            document,
            logger,
            maxBodyBytes: config.maxBodyBytes,
            trustProxy: config.trustProxy,
            media: { mediaUrl: config.mediaUrl, timeoutMs: config.graphqlTimeoutMs },
            corsOrigins: config.corsOrigins,
            apiDocs: config.apiDocs,
          }),
          restOperationMatcher(document as Parameters<typeof restOperationMatcher>[0], ['/healthz']),
        ),
      );
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(config.port, config.host, () => resolve());
      });
      server = listening;
      const { port } = listening.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}`;
      observed.readiness.ready();
      logger.info({ url, routerUrl: config.routerUrl, mediaUrl: config.mediaUrl }, 'rest facade listening');
      return { url };
    },
    async stop() {
      observed.readiness.stopping();
      const closing = server;
      server = undefined;
      if (!closing) return;
      closing.closeAllConnections();
      await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
  };
}
