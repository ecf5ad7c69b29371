import { createGatewayRuntime, type GatewayPlugin, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import {
  encodeCaller,
  operationLimitPlugins,
  VIEWER_HEADER,
  type GraphqlConfig,
  type Logger,
  type Viewer,
} from '@argus/core';
import { parse } from 'graphql';
import type { QueryPlanner } from './config.js';
import { maskRouterError } from './errors.js';
import { gatewayLogger } from './gateway-log.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What the router adds to the GraphQL context of each operation (HTTP request or WebSocket subscribe). */
export interface RouterContext {
  readonly argusRequestId: string;
  /** the verified caller; absent for an anonymous one */
  readonly argusViewer?: Viewer;
  /** the client's address, for an anonymous caller (a viewer carries its own) */
  readonly argusClientIp?: string;
  /** the signed caller header at the operation's start; sent in connectionParams to subgraphs over WebSocket */
  readonly argusViewerHeader: string;
}

/** Every operation's caller is signed, anonymous ones too: subgraphs answer only callers the router vouches for. */
export function routerContext(
  requestId: string,
  viewer: Viewer | undefined,
  internalKey: string,
  clientIp?: string,
): RouterContext {
  return {
    argusRequestId: requestId,
    argusViewer: viewer,
    argusClientIp: clientIp,
    argusViewerHeader: encodeCaller(viewer, internalKey, clientIp),
  };
}

export interface GatewayOptions {
  readonly supergraph: string;
  readonly queryPlanner: QueryPlanner;
  readonly graphql: GraphqlConfig;
  /** origins allowed to call from a browser; others get no CORS headers */
  readonly corsOrigins: readonly string[];
  readonly internalKey: string;
  readonly logger: Logger;
  /** further plugins (metrics) */
  readonly plugins?: readonly GatewayPlugin<RouterContext>[];
  /** subgraphs called in-process by their URL (same process, no socket); others over HTTP */
  readonly subgraphFetch?: SubgraphFetch;
}

/** A subgraph's GraphQL endpoint called in-process: a Fetch request in, its answer out. */
export type SubgraphHandler = (request: Request) => Promise<Response>;

/** The subgraphs called in-process, by the URL the supergraph names them with. */
export type SubgraphFetch = Readonly<Record<string, SubgraphHandler>>;

/**
 * Every HTTP call to a subgraph carries the router's own headers only: the signed caller (a
 * viewer, or anonymous with the client's address; signed at the call, so late entity fetches of
 * a long subscription stay fresh) and the request id. Whatever a client supplied under these
 * names is dropped. A call outside any client operation is signed as anonymous. A subgraph in
 * `inProcess` gets the same request, headers and signature included, through its handler.
 */
function useArgusSubgraphHeaders(internalKey: string, inProcess: SubgraphFetch = {}): GatewayPlugin<RouterContext> {
  const handlers = new Map(Object.entries(inProcess));
  return {
    onFetch({ url, context, options, setOptions, setFetchFn }) {
      const handler = handlers.get(url);
      if (handler) setFetchFn((target, init) => handler(new Request(target, init as RequestInit)));
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries((options.headers ?? {}) as Record<string, string>)) {
        const lower = name.toLowerCase();
        if (lower !== VIEWER_HEADER && lower !== REQUEST_ID_HEADER) headers[name] = value;
      }
      const caller = 'argusRequestId' in context ? (context as Partial<RouterContext>) : undefined;
      headers[VIEWER_HEADER] = encodeCaller(caller?.argusViewer, internalKey, caller?.argusClientIp);
      if (caller?.argusRequestId) headers[REQUEST_ID_HEADER] = caller.argusRequestId;
      setOptions({ ...options, headers });
    },
  };
}

/** CORS for the allowed origins only, without credentials (callers send bearer tokens, not cookies). */
function corsFor(origins: readonly string[]) {
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !(origins.includes(origin) || origins.includes('*'))) return false as const;
    const allowedHeaders = ['authorization', 'content-type', REQUEST_ID_HEADER];
    return { origin, credentials: false, methods: ['GET', 'POST'], allowedHeaders, maxAge: 600 };
  };
}

/** The Hive gateway runtime over a static supergraph, with the chosen query planner. */
export function createGateway(options: GatewayOptions): GatewayRuntime<RouterContext> {
  return createGatewayRuntime<RouterContext>({
    supergraph: parse(options.supergraph),
    ...(options.queryPlanner === 'rust' ? { unifiedGraphHandler } : {}),
    graphqlEndpoint: '/graphql',
    // file uploads (GraphQL multipart request spec) pass through to the media subgraph
    multipart: true,
    graphiql: options.graphql.graphiql,
    cors: corsFor(options.corsOrigins),
    landingPage: false,
    logging: gatewayLogger(options.logger),
    maskedErrors: { maskError: maskRouterError },
    // subgraph errors pass with their extensions untouched (no serviceName added)
    subgraphErrors: { subgraphNameProp: false },
    // the router sets x-request-id itself (see useArgusSubgraphHeaders)
    requestId: false,
    // one execution per client request: identical requests of different callers are never merged
    inboundInflightRequestDeduplication: false,
    transportEntries: {
      '*.http': {
        options: {
          // the executor would merge identical subgraph calls in flight on URL and body alone, before
          // onFetch adds the caller's signed header: one caller could get another's answer
          deduplicateInflightRequests: false,
          subscriptions: {
            kind: 'ws',
            location: '/graphql',
            options: {
              connectionParams: {
                [VIEWER_HEADER]: '{context.argusViewerHeader}',
                [REQUEST_ID_HEADER]: '{context.argusRequestId}',
              },
            },
          },
        },
      },
    },
    plugins: () => [
      useArgusSubgraphHeaders(options.internalKey, options.subgraphFetch),
      ...operationLimitPlugins(options.graphql),
      ...(options.plugins ?? []),
    ],
  });
}
