import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import {
  clientAddress,
  clientIpOf,
  createLogger,
  graphqlOperationLabels,
  observePart,
  sendJson,
  type Authenticator,
  type Database,
} from '@argus/core';
import { authFailure, graphqlErrorBody, resolveCaller } from './auth.js';
import { loadSupergraph } from './compose.js';
import { introspectUrlOf, type RouterConfig, type SubgraphEndpoint } from './config.js';
import { createGateway, REQUEST_ID_HEADER, routerContext, type RouterContext, type SubgraphFetch } from './gateway.js';
import {
  IN_PROCESS_PEER,
  inProcessOperationLabels,
  OPERATION_SLOT,
  whenAnswered,
  type OperationSlot,
} from './in-process.js';
import { withoutOwnSignalHandlers } from './process-signals.js';
import { tokenCheck } from './token-check.js';
import { serveSubscriptions, type SubscriptionServer } from './subscriptions.js';
import { subgraphMetricsPlugin } from './subgraph-metrics.js';
import type { RelayPort } from './viewer-relay.js';

export {
  routerConfig,
  introspectUrlOf,
  type RouterConfig,
  type SubgraphEndpoint,
  type QueryPlanner,
} from './config.js';
export { relayViewerChanges, type RelayMessage, type RelayPort, type ViewerChangeRelay } from './viewer-relay.js';
export type { SubgraphFetch, SubgraphHandler } from './gateway.js';
export { composeSupergraph, fetchSubgraphSdl, loadSupergraph, CompositionError, type SubgraphSdl } from './compose.js';

export interface RouterDeps {
  /** the subgraphs to compose instead of the configured ones (all-in-one launcher, tests) */
  readonly subgraphs?: readonly SubgraphEndpoint[];
  /** checks bearer tokens; by default identity's /internal/introspect, cached while its change feed is up */
  readonly authenticator?: Authenticator;
  /** identity's database in this process (all-in-one): on PGlite its change feed is in-process */
  readonly database?: Database;
  /** the PostgreSQL server identity writes to, when it is not DATABASE_URL (tests, benchmarks) */
  readonly databaseUrl?: string;
  /** identity's notices relayed by the process that owns the embedded database (a router in a worker process) */
  readonly relay?: RelayPort;
  /** how long to wait for subgraphs that do not answer yet at start (ms) */
  readonly subgraphWaitMs?: number;
  /**
   * Subgraphs running in this process, by their URL: their GraphQL requests go to these handlers
   * (a started subgraph's `handle`) instead of a socket, with the same signed caller header the
   * subgraph verifies; composition at start and subscriptions (WebSocket) still use the URL.
   */
  readonly subgraphFetch?: SubgraphFetch;
}

export interface RouterApp {
  start(): Promise<{ url: string; supergraph: string }>;
  stop(): Promise<void>;
  /**
   * The router's endpoint called in-process (a REST facade in the same process, no socket): the
   * same token check, caller signing, limits, request id and metrics as a request on the port from
   * a loopback peer (its X-Forwarded-For believed as TRUSTED_PROXIES says). 503 while not started.
   */
  fetch(request: Request): Promise<Response>;
}

/** Whom a request is run for, or the answer refusing it. */
type Admission =
  { readonly context: RouterContext } | { readonly refusal: { readonly status: number; readonly body: object } };

function jsonResponse(status: number, body: object): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
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
  const check = deps.authenticator
    ? { authenticator: deps.authenticator, feed: undefined, onChange: undefined }
    : tokenCheck(
        config,
        {
          introspectUrl: identity && deps.subgraphs ? introspectUrlOf(identity.url) : config.introspectUrl,
          database: deps.database,
          databaseUrl: deps.databaseUrl,
          relay: deps.relay,
        },
        logger,
      );
  const authenticator = check.authenticator;
  const observed = observePart({ part: 'router', config: config.metrics });
  let server: Server | undefined;
  let gateway: GatewayRuntime<RouterContext> | undefined;
  let subscriptions: SubscriptionServer | undefined;

  /** The verified caller of a request (a bearer token, else anonymous), or the refusal. */
  async function admit(
    requestId: string,
    authorization: string | undefined,
    clientIp: string | undefined,
  ): Promise<Admission> {
    try {
      const caller = await resolveCaller(authenticator, authorization, clientIp);
      return { context: routerContext(requestId, caller.viewer, config.internalKey, caller.clientIp) };
    } catch (error) {
      const failure = authFailure(error);
      if (failure.status === 401) logger.info({ requestId }, 'request refused: token not accepted');
      else logger.error({ requestId, err: error }, 'token introspection failed');
      return { refusal: { status: failure.status, body: graphqlErrorBody(failure.message, failure.code) } };
    }
  }

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    runtime: GatewayRuntime<RouterContext>,
  ): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    const requestId = headerValue(req, REQUEST_ID_HEADER) ?? randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const admitted = await admit(requestId, headerValue(req, 'authorization'), clientIpOf(req, config.trustedProxies));
    if ('refusal' in admitted) return sendJson(res, admitted.refusal.status, admitted.refusal.body);
    await runtime(req, res, admitted.context);
  }

  /** A request called in-process, answered as `handle` answers one on the port. */
  async function answer(request: Request, runtime: GatewayRuntime<RouterContext>, slot: OperationSlot) {
    const requestId = request.headers.get(REQUEST_ID_HEADER) || randomUUID();
    let response: Response;
    try {
      const forwardedFor = request.headers.get('x-forwarded-for') ?? undefined;
      const admitted = await admit(
        requestId,
        request.headers.get('authorization') || undefined,
        clientAddress(IN_PROCESS_PEER, forwardedFor, config.trustedProxies),
      );
      response =
        'refusal' in admitted
          ? jsonResponse(admitted.refusal.status, admitted.refusal.body)
          : await runtime.fetch(request, { ...admitted.context, [OPERATION_SLOT]: slot });
    } catch (err) {
      logger.error({ err }, 'request failed');
      response = jsonResponse(500, graphqlErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    }
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  }

  return {
    async fetch(request) {
      const runtime = gateway;
      const started = process.hrtime.bigint();
      const slot: OperationSlot = {};
      const path = new URL(request.url).pathname;
      let response: Response;
      if (path === '/healthz') response = jsonResponse(200, { status: 'ok' });
      else if (!runtime) return jsonResponse(503, graphqlErrorBody('The router is not running', 'SERVICE_UNAVAILABLE'));
      else response = await answer(request, runtime, slot);
      return whenAnswered(response, (status) => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const operation = slot.operation ?? (path === '/healthz' ? '/healthz' : 'unknown');
        observed.metrics.observe(operation, status, seconds);
      });
    },
    async start() {
      const supergraph = await loadSupergraph(subgraphs, config.internalKey, deps.subgraphWaitMs ?? 30_000);
      await check.feed?.start();
      const runtime = withoutOwnSignalHandlers(() =>
        createGateway({
          supergraph,
          queryPlanner: config.queryPlanner,
          graphql: config.graphql,
          corsOrigins: config.corsOrigins,
          internalKey: config.internalKey,
          logger,
          plugins: [
            graphqlOperationLabels(observed.metrics),
            inProcessOperationLabels(observed.metrics),
            subgraphMetricsPlugin(observed.metrics),
          ],
          subgraphFetch: deps.subgraphFetch,
        }),
      );
      gateway = runtime;
      await runtime.getSchema();
      const http = createServer(
        observed.serve(
          (req, res) => {
            handle(req, res, runtime).catch((err: unknown) => {
              logger.error({ err }, 'request failed');
              if (!res.headersSent)
                sendJson(res, 500, graphqlErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
              else res.end();
            });
          },
          (req) => ((req.url ?? '/').split('?')[0] === '/healthz' ? '/healthz' : undefined),
        ),
      );
      server = http;
      subscriptions = serveSubscriptions(http, runtime, authenticator, {
        internalKey: config.internalKey,
        logger,
        metrics: observed.metrics,
        maxPerUser: config.maxSubscriptionsPerUser,
        maxTokens: config.graphql.limits.maxTokens,
        onViewerChange: check.onChange,
        trustedProxies: config.trustedProxies,
      });
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve());
      });
      const port = (http.address() as AddressInfo).port;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      const url = `http://${host}:${port}/graphql`;
      observed.readiness.ready();
      logger.info(
        { url, subgraphs: subgraphs.map((s) => s.name), queryPlanner: config.queryPlanner },
        'router listening',
      );
      return { url, supergraph };
    },
    async stop() {
      observed.readiness.stopping();
      await subscriptions?.close();
      if (server) {
        const closing = server;
        closing.closeAllConnections();
        await new Promise<void>((resolve) => closing.close(() => resolve()));
      }
      await gateway?.dispose();
      await check.feed?.stop();
      subscriptions = undefined;
      server = undefined;
      gateway = undefined;
    },
  };
}
