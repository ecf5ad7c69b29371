import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { clientIpOf, createLogger, RemoteAuthenticator, sendJson, type Authenticator } from '@argus/core';
import { authFailure, graphqlErrorBody, resolveCaller } from './auth.js';
import { loadSupergraph } from './compose.js';
import { introspectUrlOf, type RouterConfig, type SubgraphEndpoint } from './config.js';
import { createGateway, REQUEST_ID_HEADER, routerContext, type RouterContext } from './gateway.js';
import { withoutOwnSignalHandlers } from './process-signals.js';
import { serveSubscriptions, type SubscriptionServer } from './subscriptions.js';

export {
  routerConfig,
  introspectUrlOf,
  type RouterConfig,
  type SubgraphEndpoint,
  type QueryPlanner,
} from './config.js';
export { composeSupergraph, fetchSubgraphSdl, loadSupergraph, CompositionError, type SubgraphSdl } from './compose.js';

export interface RouterDeps {
  /** the subgraphs to compose instead of the configured ones (all-in-one launcher, tests) */
  readonly subgraphs?: readonly SubgraphEndpoint[];
  /** checks bearer tokens; by default identity's /internal/introspect */
  readonly authenticator?: Authenticator;
  /** how long to wait for subgraphs that do not answer yet at start (ms) */
  readonly subgraphWaitMs?: number;
}

export interface RouterApp {
  start(): Promise<{ url: string; supergraph: string }>;
  stop(): Promise<void>;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

export function buildApp(config: RouterConfig, deps: RouterDeps = {}): RouterApp {
  const logger = createLogger('router', config.logLevel);
  const subgraphs = deps.subgraphs ?? config.subgraphs;
  const identity = subgraphs.find((s) => s.name === 'identity');
  const authenticator =
    deps.authenticator ??
    new RemoteAuthenticator(
      identity && deps.subgraphs ? introspectUrlOf(identity.url) : config.introspectUrl,
      config.internalKey,
    );
  let server: Server | undefined;
  let gateway: GatewayRuntime<RouterContext> | undefined;
  let subscriptions: SubscriptionServer | undefined;

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    runtime: GatewayRuntime<RouterContext>,
  ): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    const requestId = headerValue(req, REQUEST_ID_HEADER) ?? randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    let context: RouterContext;
    try {
      const caller = await resolveCaller(
        authenticator,
        headerValue(req, 'authorization'),
        clientIpOf(req, config.trustedProxies),
      );
      context = routerContext(requestId, caller.viewer, config.internalKey, caller.clientIp);
    } catch (error) {
      const failure = authFailure(error);
      if (failure.status === 401) logger.info({ requestId }, 'request refused: token not accepted');
      else logger.error({ requestId, err: error }, 'token introspection failed');
      return sendJson(res, failure.status, graphqlErrorBody(failure.message, failure.code));
    }
    await runtime(req, res, context);
  }

  return {
    async start() {
      const supergraph = await loadSupergraph(subgraphs, config.internalKey, deps.subgraphWaitMs ?? 30_000);
      const runtime = withoutOwnSignalHandlers(() =>
        createGateway({
          supergraph,
          queryPlanner: config.queryPlanner,
          graphql: config.graphql,
          corsOrigins: config.corsOrigins,
          internalKey: config.internalKey,
          logger,
        }),
      );
      gateway = runtime;
      await runtime.getSchema();
      const http = createServer((req, res) => {
        handle(req, res, runtime).catch((err: unknown) => {
          logger.error({ err }, 'request failed');
          if (!res.headersSent) sendJson(res, 500, graphqlErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
          else res.end();
        });
      });
      server = http;
      subscriptions = serveSubscriptions(
        http,
        runtime,
        authenticator,
        config.internalKey,
        logger,
        config.trustedProxies,
      );
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve());
      });
      const port = (http.address() as AddressInfo).port;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}/graphql`;
      logger.info(
        { url, subgraphs: subgraphs.map((s) => s.name), queryPlanner: config.queryPlanner },
        'router listening',
      );
      return { url, supergraph };
    },
    async stop() {
      await subscriptions?.close();
      if (server) {
        const closing = server;
        closing.closeAllConnections();
        await new Promise<void>((resolve) => closing.close(() => resolve()));
      }
      await gateway?.dispose();
      subscriptions = undefined;
      server = undefined;
      gateway = undefined;
    },
  };
}
