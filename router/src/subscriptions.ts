import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { BlockList } from 'node:net';
import { getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import {
  clientIpOf,
  coalesceSends,
  CONFIRM_BELOW_BYTES,
  logClientProtocolErrors,
  MAX_WEBSOCKET_MESSAGE_BYTES,
  type Authenticator,
  type Logger,
  type PartMetrics,
  type Viewer,
} from '@argus/core';
import {
  BREAK,
  getOperationAST,
  GraphQLError,
  parse,
  visit,
  type ExecutionArgs,
  type ExecutionResult,
  type OperationDefinitionNode,
} from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authFailure, resolveCaller } from './auth.js';
import { REQUEST_ID_HEADER, routerContext, type RouterContext } from './gateway.js';
import { authorityOf, LiveSessions } from './live-sessions.js';
import { SharedSubscriptions } from './shared-subscriptions.js';
import { releasedAtEnd, SubscriptionQuota } from './subscription-quota.js';
import type { ViewerChange } from './viewer-changes.js';

type WsContext = Context<Record<string, unknown> | undefined, Extra>;

/** The bearer token of a WebSocket client: connectionParams.authorization, else the upgrade request's header. */
function authorizationOf(ctx: WsContext): string | undefined {
  const params = ctx.connectionParams ?? {};
  const given = params.authorization ?? params.Authorization;
  if (typeof given === 'string') return given;
  return ctx.extra.request.headers.authorization;
}

function headerOf(ctx: WsContext, name: string): string | undefined {
  const value = ctx.connectionParams?.[name] ?? ctx.extra.request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Bytes a client may leave unread on its socket: a subscriber that reads slower than its events
 * arrive is closed (1013, try again later) instead of growing the router's memory. It reconnects
 * and resumes with `after`.
 */
export const MAX_UNREAD_BYTES = 8 * 1024 * 1024;
const TRY_AGAIN_LATER = 1013;
/** Results a subscriber of a shared execution may have waiting before it is closed as too slow. */
export const SHARED_SUBSCRIBER_BUFFER = 1000;

interface SubscribeParams {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
  readonly extensions?: unknown;
}

/**
 * The operation a client's message asks for, when its document parses within the router's token
 * limit (anything else the gateway refuses without running it).
 */
function operationOf(params: SubscribeParams, maxTokens: number): OperationDefinitionNode | undefined {
  if (typeof params.query !== 'string') return undefined;
  try {
    const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
    return getOperationAST(parse(params.query, { maxTokens, noLocation: true }), operationName) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * What identifies a shareable subscription: the user as identity resolved them just now (user,
 * organization, role, groups and permissions: a user whose authority changed starts an execution
 * of their own, checked afresh; the sessions and addresses of one user share) and the whole
 * operation. Only subscriptions of a signed-in user that start from now are shared; one that
 * resumes (an `after` argument anywhere) replays from its own point and runs alone.
 */
function shareKeyOf(
  viewer: Viewer | undefined,
  params: SubscribeParams,
  operation: OperationDefinitionNode | undefined,
): string | undefined {
  if (viewer === undefined || operation?.operation !== 'subscription') return undefined;
  const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
  let resumes = false;
  visit(operation, {
    Argument(node) {
      if (node.name.value !== 'after') return undefined;
      resumes = true;
      return BREAK;
    },
  });
  if (resumes) return undefined;
  return JSON.stringify([
    authorityOf(viewer),
    params.query,
    operationName ?? null,
    params.variables ?? null,
    params.extensions ?? null,
  ]);
}

function tooSlow(socket: Extra['socket'], logger: Logger, unread: number): void {
  logger.info({ unread }, 'websocket subscriber too slow, closed');
  socket.close(TRY_AGAIN_LATER, 'Subscriber too slow');
}

export interface SubscriptionServer {
  close(): Promise<void>;
}

export interface SubscriptionOptions {
  readonly internalKey: string;
  readonly logger: Logger;
  readonly metrics: PartMetrics;
  /** subscriptions one user may hold open on this router process at once */
  readonly maxPerUser: number;
  /** the router's GRAPHQL_MAX_TOKENS: a document it runs parses within it */
  readonly maxTokens: number;
  /** identity's change feed, when the router follows one: signed-in sessions are checked again at once */
  readonly onViewerChange?: (listener: (change: ViewerChange) => void) => void;
  readonly trustedProxies?: BlockList;
}

/** How often signed-in sessions are checked again besides identity's change notices (expired tokens; no feed). */
const SESSION_SWEEP_MS = 5000;

/** The answer to a subscription refused before it starts (one `next` with the error, then `complete`). */
function refusal(message: string, code: string): ExecutionResult {
  return { errors: [new GraphQLError(message, { extensions: { code } })] };
}

/**
 * graphql-ws for clients at ws://host:port/graphql on the router's HTTP server. The token is
 * checked when the client connects (a bad one closes the socket with 4401) and again on every
 * operation, so a revoked token stops working at once. Every subscription field needs a signed-in
 * user, so an anonymous subscription is refused here, before it opens a connection to its
 * subgraph; a user holds at most `maxPerUser` subscriptions at once. A signed-in socket whose token
 * stops passing, or whose user's authority changes, is closed (`LiveSessions`).
 */
export function serveSubscriptions(
  server: Server,
  gateway: GatewayRuntime<RouterContext>,
  authenticator: Authenticator,
  options: SubscriptionOptions,
): SubscriptionServer {
  const { internalKey, logger, metrics, trustedProxies } = options;
  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_WEBSOCKET_MESSAGE_BYTES });
  // before graphql-ws's own listener: every message it sends goes through the coalesced send
  wsServer.on('connection', (socket, request) => {
    logClientProtocolErrors(socket, logger);
    coalesceSends(socket, request.socket, CONFIRM_BELOW_BYTES);
  });
  const contexts = new WeakMap<object, Record<string, unknown>>();
  const gatewayOptions = getGraphQLWSOptions<RouterContext, Extra>(gateway, (ctx) => contexts.get(ctx) ?? {});
  const shared = new SharedSubscriptions(SHARED_SUBSCRIBER_BUFFER);
  metrics.gauge(
    'argus_router_shared_subscriptions',
    'Subscription executions shared by identical subscriptions of one caller',
    () => shared.running,
  );
  metrics.gauge(
    'argus_router_shared_subscription_subscribers',
    'Client subscriptions served by the shared executions',
    () => shared.subscribers,
  );
  const sessions = new LiveSessions(authenticator, logger, SESSION_SWEEP_MS);
  options.onViewerChange?.((change) => sessions.recheck(change));
  const quota = new SubscriptionQuota(options.maxPerUser);
  metrics.gauge('argus_router_subscriptions', 'Client subscriptions open on this router', () => quota.total);
  const started = (args: ExecutionArgs) => {
    const operation = args.contextValue as { argusShareKey?: string; socket: Extra['socket'] };
    const start = () => gatewayOptions.subscribe!(args);
    if (operation.argusShareKey === undefined) return start();
    return shared.join(operation.argusShareKey, start, () =>
      tooSlow(operation.socket, logger, SHARED_SUBSCRIBER_BUFFER),
    );
  };
  // graphql-ws hands every operation of a socket here (the gateway runs queries and mutations too)
  const subscribe = async (args: ExecutionArgs) => {
    const operation = args.contextValue as Partial<RouterContext> & { argusSubscription?: boolean };
    if (!operation.argusSubscription) return started(args);
    if (operation.argusViewer === undefined) return refusal('Not authenticated', 'UNAUTHENTICATED');
    const release = quota.take(String(operation.argusViewer.userId));
    if (!release) {
      const message = `Subscription limit reached: a user may hold ${quota.max} subscriptions at once`;
      return refusal(message, 'OPERATION_LIMIT_EXCEEDED');
    }
    try {
      const outcome = await started(args);
      if (Symbol.asyncIterator in outcome) return releasedAtEnd(outcome, release);
      release();
      return outcome;
    } catch (error) {
      release();
      throw error;
    }
  };

  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      ...gatewayOptions,
      subscribe,
      onConnect: async (ctx) => {
        try {
          const authorization = authorizationOf(ctx);
          const clientIp = clientIpOf(ctx.extra.request, trustedProxies);
          const caller = await resolveCaller(authenticator, authorization, clientIp);
          if (authorization !== undefined) sessions.add(ctx.extra.socket, authorization, clientIp, caller.viewer);
          return true;
        } catch (error) {
          const failure = authFailure(error);
          logger.info({ status: failure.status }, 'websocket connection refused');
          ctx.extra.socket.close(
            failure.status === 401 ? CloseCode.Unauthorized : CloseCode.InternalServerError,
            failure.message,
          );
          return false;
        }
      },
      onNext: (ctx, ...rest) => {
        const { socket } = ctx.extra;
        if (socket.bufferedAmount > MAX_UNREAD_BYTES) return tooSlow(socket, logger, socket.bufferedAmount);
        return gatewayOptions.onNext?.(ctx, ...rest);
      },
      onSubscribe: async (ctx, id, params) => {
        const requestId = headerOf(ctx, REQUEST_ID_HEADER) ?? randomUUID();
        let context: RouterContext;
        let argusShareKey: string | undefined;
        const operation = operationOf(params, options.maxTokens);
        try {
          const caller = await resolveCaller(
            authenticator,
            authorizationOf(ctx),
            clientIpOf(ctx.extra.request, trustedProxies),
          );
          context = routerContext(requestId, caller.viewer, internalKey, caller.clientIp);
          argusShareKey = shareKeyOf(caller.viewer, params, operation);
        } catch (error) {
          const failure = authFailure(error);
          return [new GraphQLError(failure.message, { extensions: { code: failure.code } })];
        }
        const headers = new Headers({ [REQUEST_ID_HEADER]: requestId });
        const request = new gateway.fetchAPI.Request(`http://${ctx.extra.request.headers.host ?? 'router'}/graphql`, {
          headers,
        });
        // a view of ctx carrying this operation's context, read back by the gateway's onContext
        const operationCtx = Object.create(ctx) as WsContext;
        contexts.set(operationCtx, {
          ...context,
          argusShareKey,
          argusSubscription: operation?.operation === 'subscription',
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          request,
        });
        return gatewayOptions.onSubscribe!(operationCtx, id, params);
      },
    },
    wsServer,
  );

  return {
    async close() {
      sessions.close();
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
