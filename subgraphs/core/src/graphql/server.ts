import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLRequest } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { clientIpOf } from '../http/client-address.js';
import { requestHeaders } from '../http/request-headers.js';
import type { Logger } from '../logger.js';
import { setRequestOperation } from '../observability/http-metrics.js';
import { observePart, type PartObservabilityOptions } from '../observability/part.js';
import { toGraphQLError } from './errors.js';
import {
  DEFAULT_OPERATION_LIMITS,
  OPERATION_LIMIT_CODE,
  operationCost,
  operationLimitError,
  type GraphqlConfig,
  type OperationLimits,
} from './operation-limits.js';

/** A plain Node handler for a non-GraphQL route (health, internal endpoints, files). */
export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface GraphqlServerOptions<Context> {
  readonly schema: GraphQLSchema;
  /** builds the per-request context from the incoming request headers */
  readonly context: (headers: Headers, clientIp: string | undefined) => Promise<Context>;
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /** exact-path routes served before GraphQL, e.g. `/healthz` */
  readonly routes?: Record<string, Route>;
  /** GraphiQL on GET /graphql (when `graphql` is not given) */
  readonly graphiql?: boolean;
  /** GraphiQL, introspection and operation limits (default: limits of DEFAULT_OPERATION_LIMITS, introspection on) */
  readonly graphql?: GraphqlConfig;
  /** largest GraphQL multipart request (operations, map and files) read (413 beyond); default 1 MiB */
  readonly multipartMaxBytes?: number;
  /** `/metrics` and `/readyz` of the part, every request counted by operation */
  readonly observability?: PartObservabilityOptions;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(drainMs?: number): Promise<void>;
}

/** Largest JSON request body read (413 beyond). */
const MAX_JSON_BYTES = 10 * 1024 * 1024;
/** Largest multipart request read when the part does not say (parts without uploads). */
const DEFAULT_MULTIPART_BYTES = 1024 * 1024;

/** graphql-js's message for a document over `maxTokens` (the parser stops there; "that" is its spelling). */
const TOKEN_LIMIT = /Document contains more tha[nt] (\d+) tokens/;

/** Errors Apollo raises for a request it could not run: their message and code go to the client as they are. */
const CLIENT_ERRORS = new Set([
  'SyntaxError',
  'ValidationError',
  'UserInputError',
  'BadRequestError',
  'OperationResolutionError',
  'PersistedQueryNotFoundError',
  'PersistedQueryNotSupportedError',
]);

/** graphql-armor's depth, alias and directive rules, each refusal reported as OPERATION_LIMIT_EXCEEDED. */
function limitRules(limits: OperationLimits): ValidationRule[] {
  const report = (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(operationLimitError(error.message));
  const common = { exposeLimits: true, propagateOnRejection: false, onReject: [report] };
  return [
    maxDepthRule({ ...common, n: limits.maxDepth, flattenFragments: true }),
    maxAliasesRule({ ...common, n: limits.maxAliases }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives }),
  ];
}

/** The refusal of an operation whose cost with its variables is over the budget, or undefined. */
function costRefusal(
  schema: GraphQLSchema,
  maxCost: number,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
): GraphQLError | undefined {
  const cost = operationCost(schema, document, variables, operationName);
  if (cost === undefined || cost <= maxCost) return undefined;
  const found = Number.isFinite(cost) ? `found ${cost}` : 'more than 10000 fields with fragments expanded';
  return operationLimitError(`Query cost limit of ${maxCost} exceeded, ${found}.`);
}

/** An operation-limit error behind Apollo's parse/validation wrappers, or undefined. */
function limitErrorOf(error: unknown): GraphQLError | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  if (error.extensions.code === OPERATION_LIMIT_CODE) return error;
  const inner = error.originalError;
  if (inner instanceof GraphQLError && inner.extensions.code === OPERATION_LIMIT_CODE) return inner;
  const tokens = TOKEN_LIMIT.exec(inner?.message ?? error.message);
  return tokens ? operationLimitError(`Token limit of ${tokens[1]} exceeded.`) : undefined;
}

/** A GraphQL error as the client sees it: `extensions.http` becomes the answer's status and headers. */
function withHttpHead(error: GraphQLError): GraphQLError {
  const http = error.extensions.http as { status?: number; headers?: Record<string, string> } | undefined;
  if (!http) return error;
  const head = { status: http.status, headers: new HeaderMap(Object.entries(http.headers ?? {})) };
  const extensions: Record<string, unknown> = { ...error.extensions, http: head };
  return new GraphQLError(error.message, { path: error.path, extensions });
}

/** An operation over a limit is answered with the limits it broke alone, as when the first refusal stops it. */
function limitErrorsFirst<E extends { readonly extensions?: { readonly [key: string]: unknown } }>(
  errors: readonly E[],
): readonly E[] {
  const limits = errors.filter((error) => error.extensions?.code === OPERATION_LIMIT_CODE);
  return limits.length > 0 ? limits : errors;
}

function withoutHttp(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, ...extensions } = error.extensions;
  return { ...error.toJSON(), extensions };
}

/** The request body, or undefined as soon as it is over `limit` bytes (the rest is read and dropped). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer<ArrayBuffer> | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        // over the limit: answer now, keep nothing of what still arrives
        chunks.length = 0;
        resolve(undefined);
      }
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The operation of a GraphQL multipart request (multipart/form-data: `operations`, `map`, then the
 * files): `operations` with each file (a File) put where `map` says, or undefined when malformed.
 */
async function multipartOperation(contentType: string, body: Buffer<ArrayBuffer>): Promise<unknown> {
  let form: FormData;
  try {
    form = await new Request('http://subgraph/graphql', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }).formData();
  } catch {
    return undefined;
  }
  const operations = form.get('operations');
  const map = form.get('map') ?? '{}';
  if (typeof operations !== 'string' || typeof map !== 'string') return undefined;
  try {
    const operation = JSON.parse(operations) as unknown;
    const files = JSON.parse(map) as Record<string, unknown>;
    for (const [key, paths] of Object.entries(files)) {
      const file = form.get(key);
      if (!(file instanceof File) || !Array.isArray(paths)) return undefined;
      for (const path of paths) {
        if (typeof path !== 'string' || !putAt(operation, path.split('.'), file)) return undefined;
      }
    }
    return operation;
  } catch {
    return undefined;
  }
}

/** Sets the value at `path` of an existing object tree; false when the path leads nowhere. */
function putAt(tree: unknown, path: readonly string[], value: unknown): boolean {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  const last = path[path.length - 1];
  if (typeof node !== 'object' || node === null || last === undefined || last === '__proto__') return false;
  (node as Record<string, unknown>)[last] = value;
  return true;
}

function answerError(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }));
}

/**
 * Serves a schema over HTTP (@apollo/server) and WebSocket (graphql-ws) on one port: exact-path
 * routes first, then GraphQL on /graphql with the caller verified before the document is parsed,
 * the operation limits, and errors masked by `toGraphQLError`.
 */
export async function startGraphqlServer<Context extends object>(
  options: GraphqlServerOptions<Context>,
): Promise<RunningServer> {
  const { logger, schema } = options;
  const graphql = options.graphql ?? {
    graphiql: options.graphiql ?? false,
    introspection: true,
    limits: DEFAULT_OPERATION_LIMITS,
  };
  const { limits } = graphql;
  // graphql-js's own rule refuses `__schema` and `__type` when introspection is off (HTTP and WebSocket alike)
  const validationRules = [...limitRules(limits), ...(graphql.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const wsRules = [...specifiedRules, ...validationRules];
  const observed = options.observability ? observePart(options.observability) : undefined;
  /** the Node request behind each GraphQL request, for the operation label of its metrics */
  const nodeRequests = new WeakMap<HTTPGraphQLRequest, IncomingMessage>();
  const logUnexpected = (masked: GraphQLError, error: unknown) => {
    if (masked.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'unexpected error');
  };
  const costBudget: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          if (observed && request.http) {
            const req = nodeRequests.get(request.http);
            setRequestOperation(req, observed.metrics.operationLabel(operationName));
          }
          const refusal = costRefusal(schema, limits.maxCost, document, request.variables, operationName);
          if (refusal) throw refusal;
        },
        async willSendResponse({ response }) {
          const { body } = response;
          if (body.kind === 'single' && body.singleResult.errors) {
            body.singleResult.errors = limitErrorsFirst(body.singleResult.errors);
          }
        },
      };
    },
  };

  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    hideSchemaDetailsFromClientErrors: !graphql.introspection,
    validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    // credentials travel in headers (the router's signed viewer, a bearer token), never in cookies
    csrfPrevention: false,
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
    plugins: [
      costBudget,
      graphql.graphiql
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
      // subgraphs answer the router, which reads neither cache hints nor traces
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
    formatError: (formatted, error) => {
      const limit = limitErrorOf(error);
      if (limit) return { message: limit.message, extensions: { code: OPERATION_LIMIT_CODE } };
      if (error instanceof GraphQLError && CLIENT_ERRORS.has(error.name)) return formatted;
      const masked = toGraphQLError(error);
      logUnexpected(masked, error);
      return withoutHttp(masked);
    },
  });
  await apollo.start();

  // the caller is verified once per request, before the document is parsed or validated, so an
  // unverified caller learns nothing of the schema (not even from validation errors)
  const contextOf = async (req: IncomingMessage): Promise<Context> => {
    try {
      return await options.context(requestHeaders(req), clientIpOf(req));
    } catch (error) {
      const refused = toGraphQLError(error);
      logUnexpected(refused, error);
      throw withHttpHead(refused);
    }
  };

  const serveGraphql = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname !== '/graphql') return answerError(res, 404, 'Not found');
    const contentType = req.headers['content-type'] ?? '';
    const multipart = /^multipart\/form-data/i.test(contentType);
    const raw = await readBody(
      req,
      multipart ? (options.multipartMaxBytes ?? DEFAULT_MULTIPART_BYTES) : MAX_JSON_BYTES,
    );
    if (raw === undefined) return answerError(res, 413, 'Request body too large');
    let body: unknown = undefined;
    if (multipart) {
      body = await multipartOperation(contentType, raw);
      if (body === undefined) return answerError(res, 400, 'The multipart request is not a GraphQL multipart request');
    } else if (raw.length > 0 && /json/i.test(contentType)) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return answerError(res, 400, 'The request body is not valid JSON');
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const request: HTTPGraphQLRequest = { method: req.method!.toUpperCase(), headers, search: url.search, body };
    if (observed) {
      nodeRequests.set(request, req);
      const named =
        (body as { operationName?: unknown } | undefined)?.operationName ?? url.searchParams.get('operationName');
      setRequestOperation(req, observed.metrics.operationLabel(typeof named === 'string' ? named : undefined));
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: () => contextOf(req),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const routes = options.routes ?? {};
  let inFlight = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    const path = (req.url ?? '/').split('?')[0]!;
    const handler = routes[path] ?? serveGraphql;
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      logger.error({ err }, handler === serveGraphql ? 'graphql request failed' : 'route failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ detail: 'Internal server error' }));
    });
  };
  const fixedRoute = (req: IncomingMessage) => {
    const path = (req.url ?? '/').split('?')[0]!;
    return path in routes ? path : undefined;
  };
  const server: Server = createServer(observed ? observed.serve(listener, fixedRoute) : listener);

  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const wsCleanup = useServer(
    {
      onSubscribe: async (ctx, _id, params) => {
        const headers = requestHeaders(ctx.extra.request);
        for (const [name, value] of Object.entries(ctx.connectionParams ?? {})) {
          if (typeof value === 'string') headers.set(name.toLowerCase(), value);
        }
        // the caller first: an operation nobody can be verified for is answered with the error (UNAUTHENTICATED)
        let contextValue: Context;
        try {
          contextValue = await options.context(headers, clientIpOf(ctx.extra.request));
        } catch (error) {
          const refused = toGraphQLError(error);
          logUnexpected(refused, error);
          const { http: _http, ...extensions } = refused.extensions;
          return [new GraphQLError(refused.message, { extensions })];
        }
        let document: DocumentNode;
        try {
          document = parse(params.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          const limit = limitErrorOf(error);
          if (limit) return [new GraphQLError(limit.message, { extensions: { code: OPERATION_LIMIT_CODE } })];
          if (!(error instanceof GraphQLError)) throw error;
          const { source, positions } = error;
          return [new GraphQLError(error.message, { source, positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
        }
        const errors = validate(schema, document, wsRules);
        if (errors.length > 0) {
          return limitErrorsFirst(errors).map((e) => {
            const code =
              e.extensions.code === OPERATION_LIMIT_CODE ? OPERATION_LIMIT_CODE : 'GRAPHQL_VALIDATION_FAILED';
            return new GraphQLError(e.message, { nodes: e.nodes, extensions: { code } });
          });
        }
        const refusal = costRefusal(schema, limits.maxCost, document, params.variables, params.operationName);
        if (refusal) return [new GraphQLError(refusal.message, { extensions: { code: OPERATION_LIMIT_CODE } })];
        return {
          schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return undefined;
        const errors = result.errors.map((error) => {
          const masked = toGraphQLError(error);
          logUnexpected(masked, error);
          return withoutHttp(masked);
        });
        return { ...result, errors };
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  observed?.readiness.ready();
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    /** Stops taking requests, lets those under way finish (up to `drainMs`), then closes every connection. */
    async close(drainMs = 5_000) {
      observed?.readiness.stopping();
      await wsCleanup.dispose();
      wsServer.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + drainMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}
