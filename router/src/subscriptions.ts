import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { BlockList } from 'node:net';
import { getGraphQLWSOptions, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import {
  clientIpOf,
  coalesceSends,
  CONFIRM_BELOW_BYTES,
  type Authenticator,
  type Logger,
  type PartMetrics,
  type Viewer,
} from '@argus/core';
import { BREAK, getOperationAST, GraphQLError, parse, visit, type ExecutionArgs } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authFailure, resolveCaller } from './auth.js';
import { REQUEST_ID_HEADER, routerContext, type RouterContext } from './gateway.js';
import { SharedSubscriptions } from './shared-subscriptions.js';

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

/** Characters of the longest subscription document that is shared. */
const MAX_SHARED_DOCUMENT = 20_000;

interface SubscribeParams {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
  readonly extensions?: unknown;
}

/**
 * What identifies a shareable subscription: the user as identity resolved them just now (user,
 * organization, role, groups and permissions: a user whose authority changed starts an execution
 * of their own, checked afresh; the sessions and addresses of one user share) and the whole
 * operation. Only subscriptions of a signed-in user that start from now are shared; one that
 * resumes (an `after` argument anywhere) replays from its own point and runs alone, as does
 * anything that does not parse as a subscription (the gateway reports it).
 */
function shareKeyOf(viewer: Viewer | undefined, params: SubscribeParams): string | undefined {
  // a document too long to be an ordinary subscription is left to the gateway's limits, not parsed here
  if (viewer === undefined || typeof params.query !== 'string' || params.query.length > MAX_SHARED_DOCUMENT) {
    return undefined;
  }
  const operationName = typeof params.operationName === 'string' ? params.operationName : undefined;
  let operation;
  try {
    operation = getOperationAST(parse(params.query), operationName);
  } catch {
    return undefined;
  }
  if (operation?.operation !== 'subscription') return undefined;
  let resumes = false;
  visit(operation, {
    Argument(node) {
      if (node.name.value !== 'after') return undefined;
      resumes = true;
      return BREAK;
    },
  });
  if (resumes) return undefined;
  const { userId, organizationId, isSuperuser, roleId, permissions, groupIds } = viewer;
  return JSON.stringify([
    [userId, organizationId, isSuperuser, roleId, permissions, groupIds],
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

/**
 * graphql-ws for clients at ws://host:port/graphql on the router's HTTP server. The token is
 * checked when the client connects (a bad one closes the socket with 4401) and again on every
 * operation, so a revoked token stops working at once.
 */
export function serveSubscriptions(
  server: Server,
  gateway: GatewayRuntime<RouterContext>,
  authenticator: Authenticator,
  internalKey: string,
  logger: Logger,
  metrics: PartMetrics,
  trustedProxies?: BlockList,
): SubscriptionServer {
  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  // before graphql-ws's own listener: every message it sends goes through the coalesced send
  wsServer.on('connection', (socket, request) => coalesceSends(socket, request.socket, CONFIRM_BELOW_BYTES));
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
  const subscribe = (args: ExecutionArgs) => {
    const operation = args.contextValue as { argusShareKey?: string; socket: Extra['socket'] };
    const start = () => gatewayOptions.subscribe!(args);
    if (operation.argusShareKey === undefined) return start();
    return shared.join(operation.argusShareKey, start, () =>
      tooSlow(operation.socket, logger, SHARED_SUBSCRIBER_BUFFER),
    );
  };

  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      ...gatewayOptions,
      subscribe,
      onConnect: async (ctx) => {
        try {
          await resolveCaller(authenticator, authorizationOf(ctx), clientIpOf(ctx.extra.request, trustedProxies));
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
        try {
          const caller = await resolveCaller(
            authenticator,
            authorizationOf(ctx),
            clientIpOf(ctx.extra.request, trustedProxies),
          );
          context = routerContext(requestId, caller.viewer, internalKey, caller.clientIp);
          argusShareKey = shareKeyOf(caller.viewer, params);
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
      await cleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}
