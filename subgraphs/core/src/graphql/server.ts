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
import { coalesceSends, CONFIRM_BELOW_BYTES } from './coalesced-sends.js';
import { logClientProtocolErrors, MAX_WEBSOCKET_MESSAGE_BYTES } from './websocket-limits.js';
import { clientAddress, clientIpOf, LOOPBACK_NETWORKS, networkList } from '../http/client-address.js';
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

/**
 * The GraphQL endpoint called in-process: a Fetch request in, its answer out, without a socket.
 * It runs what an HTTP request to /graphql runs (body limits, caller verification from the
 * headers, operation limits, error masking, metrics); other paths are answered 404.
 */
export type GraphqlHandler = (request: Request) => Promise<Response>;

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(drainMs?: number): Promise<void>;
}

/** A running GraphQL server with its endpoint callable in-process as well. */
export interface GraphqlServer extends RunningServer {
  /** the GraphQL endpoint in-process (same process, no socket); subscriptions stay on the WebSocket */
  readonly handle: GraphqlHandler;
}

/** Largest JSON request body read (413 beyond). */
const MAX_JSON_BYTES = 10 * 1024 * 1024;
/** Largest multipart request read when the part does not say (parts without uploads). */
const DEFAULT_MULTIPART_BYTES = 1024 * 1024;

/** Loopback: the proxies a subgraph trusts with X-Forwarded-For (as `clientIpOf` does by default). */
const LOOPBACK = networkList(LOOPBACK_NETWORKS);
/**
 * The peer address of an in-process call: the caller runs in this process, so it counts as a
 * caller on this machine's loopback, as the same caller reaching the port over loopback does.
 */
const IN_PROCESS_PEER = '127.0.0.1';

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

/** A Fetch request's body, or undefined as soon as it is over `limit` bytes (the rest is left unread). */
async function readRequestBody(request: Request, limit: number): Promise<Buffer<ArrayBuffer> | undefined> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
}

/** A GraphQL request as both entries (node:http and in-process) hand it over. */
interface GraphqlExchange {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly clientIp: string | undefined;
  /** the body, or undefined when it is over `limit` bytes */
  body(limit: number): Promise<Buffer<ArrayBuffer> | undefined>;
  /** names the request's operation in the part's metrics */
  label(operation: string): void;
}

/** The answer to a GraphQL request, before it is written to a socket or made a Fetch response. */
interface GraphqlAnswer {
  readonly status: number;
  readonly headers: Iterable<[string, string]>;
  readonly body: string | AsyncIterable<string>;
}

const JSON_HEADERS: [string, string][] = [['content-type', 'application/json']];

function errorAnswer(status: number, message: string, code = 'BAD_REQUEST'): GraphqlAnswer {
  return { status, headers: JSON_HEADERS, body: JSON.stringify({ errors: [{ message, extensions: { code } }] }) };
}

/** A streamed answer as a byte stream that calls `done` once it has been read to the end or cancelled. */
function streamOf(chunks: AsyncIterable<string>, done: () => void): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) {
        controller.close();
        done();
      } else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      done();
      await iterator.return?.();
    },
  });
}

/** An answer as a Fetch response; a streamed body calls `done` once it has been read to the end or cancelled. */
function responseOf(answer: GraphqlAnswer, done: () => void = () => undefined): Response {
  const body = typeof answer.body === 'string' ? answer.body : streamOf(answer.body, done);
  return new Response(body, { status: answer.status, headers: [...answer.headers] });
}

/**
 * Serves a schema over HTTP (@apollo/server) and WebSocket (graphql-ws) on one port: exact-path
 * routes first, then GraphQL on /graphql with the caller verified before the document is parsed,
 * the operation limits, and errors masked by `toGraphQLError`.
 */
export async function startGraphqlServer<Context extends object>(
  options: GraphqlServerOptions<Context>,
): Promise<GraphqlServer> {
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
  /** how each GraphQL request names its operation in the metrics (HTTP and in-process alike) */
  const labels = new WeakMap<HTTPGraphQLRequest, (operation: string) => void>();
  const logUnexpected = (masked: GraphQLError, error: unknown) => {
    if (masked.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'unexpected error');
  };
  const costBudget: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          if (observed && request.http) labels.get(request.http)?.(observed.metrics.operationLabel(operationName));
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
  const contextOf = async (headers: Headers, clientIp: string | undefined): Promise<Context> => {
    try {
      return await options.context(headers, clientIp);
    } catch (error) {
      const refused = toGraphQLError(error);
      logUnexpected(refused, error);
      throw withHttpHead(refused);
    }
  };

  const answerGraphql = async (exchange: GraphqlExchange): Promise<GraphqlAnswer> => {
    const { url } = exchange;
    if (url.pathname !== '/graphql') return errorAnswer(404, 'Not found');
    const contentType = exchange.headers.get('content-type') ?? '';
    const multipart = /^multipart\/form-data/i.test(contentType);
    const raw = await exchange.body(
      multipart ? (options.multipartMaxBytes ?? DEFAULT_MULTIPART_BYTES) : MAX_JSON_BYTES,
    );
    if (raw === undefined) return errorAnswer(413, 'Request body too large');
    let body: unknown = undefined;
    if (multipart) {
      body = await multipartOperation(contentType, raw);
      if (body === undefined) return errorAnswer(400, 'The multipart request is not a GraphQL multipart request');
    } else if (raw.length > 0 && /json/i.test(contentType)) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return errorAnswer(400, 'The request body is not valid JSON');
      }
    }
    const headers = new HeaderMap();
    for (const [name, value] of exchange.headers) headers.set(name, value);
    const request: HTTPGraphQLRequest = { method: exchange.method.toUpperCase(), headers, search: url.search, body };
    if (observed) {
      labels.set(request, exchange.label);
      const named =
        (body as { operationName?: unknown } | undefined)?.operationName ?? url.searchParams.get('operationName');
      exchange.label(observed.metrics.operationLabel(typeof named === 'string' ? named : undefined));
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: request,
      context: () => contextOf(exchange.headers, exchange.clientIp),
    });
    const status = answer.status ?? 200;
    if (answer.body.kind === 'complete') return { status, headers: answer.headers, body: answer.body.string };
    return { status, headers: answer.headers, body: answer.body.asyncIterator };
  };

  const serveGraphql = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answer = await answerGraphql({
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'http://subgraph'),
      headers: requestHeaders(req),
      clientIp: clientIpOf(req),
      body: (limit) => readBody(req, limit),
      label: (operation) => setRequestOperation(req, operation),
    });
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.statusCode = answer.status;
    if (typeof answer.body === 'string') {
      res.end(answer.body);
      return;
    }
    for await (const chunk of answer.body) res.write(chunk);
    res.end();
  };

  let inFlight = 0;
  let closing = false;
  const handle: GraphqlHandler = async (request) => {
    if (closing) return responseOf(errorAnswer(503, 'The server is stopping', 'SERVICE_UNAVAILABLE'));
    inFlight += 1;
    const started = process.hrtime.bigint();
    let operation: string | undefined;
    let finished = false;
    const finish = (status: number) => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      observed?.metrics.observe(operation ?? 'unknown', status, Number(process.hrtime.bigint() - started) / 1e9);
    };
    let answer: GraphqlAnswer;
    try {
      answer = await answerGraphql({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        clientIp: clientAddress(IN_PROCESS_PEER, request.headers.get('x-forwarded-for') ?? undefined, LOOPBACK),
        body: (limit) => readRequestBody(request, limit),
        label: (name) => {
          operation = name;
        },
      });
    } catch (err) {
      logger.error({ err }, 'graphql request failed');
      answer = { status: 500, headers: JSON_HEADERS, body: JSON.stringify({ detail: 'Internal server error' }) };
    }
    const { status } = answer;
    if (typeof answer.body === 'string') finish(status);
    return responseOf(answer, () => finish(status));
  };

  const routes = options.routes ?? {};
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

  const wsServer = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_WEBSOCKET_MESSAGE_BYTES });
  // before graphql-ws's own listener: a subscription's results of one turn leave in one write, and are
  // not each held back until the previous one was written (the router's shared executions take them all)
  wsServer.on('connection', (socket, request) => {
    logClientProtocolErrors(socket, logger);
    coalesceSends(socket, request.socket, CONFIRM_BELOW_BYTES);
  });
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
    handle,
    /** Stops taking requests, lets those under way finish (up to `drainMs`), then closes every connection. */
    async close(drainMs = 5_000) {
      closing = true;
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
