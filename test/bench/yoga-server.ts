import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaInitialContext } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import {
  clientIpOf,
  DEFAULT_OPERATION_LIMITS,
  operationLimitPlugins,
  toGraphQLError,
  type GraphqlServerOptions,
  type RunningServer,
} from '@argus/core';

/**
 * The subgraph server as graphql-yoga served it (HTTP by yoga, WebSocket by graphql-ws, the
 * caller verified before the document is parsed), kept to measure @apollo/server against it
 * (subgraph-server.ts). Same options and answers as `startGraphqlServer`.
 */
export async function startYogaGraphqlServer<Context extends object>(
  options: GraphqlServerOptions<Context>,
): Promise<RunningServer> {
  const { logger } = options;
  const graphql = options.graphql ?? {
    graphiql: options.graphiql ?? false,
    introspection: true,
    limits: DEFAULT_OPERATION_LIMITS,
  };
  // the caller is verified once per request, before the document is parsed or validated, so an
  // unverified caller learns nothing of the schema (not even from validation errors)
  const contexts = new WeakMap<Request, Promise<Context>>();
  const contextOf = (request: Request, req: IncomingMessage | undefined): Promise<Context> => {
    let context = contexts.get(request);
    if (!context) {
      context = options.context(request.headers, clientIpOf(req));
      contexts.set(request, context);
    }
    return context;
  };
  const callerFirst = {
    async onParams({
      request,
      context,
      setResult,
    }: {
      request: Request;
      context: { req?: IncomingMessage };
      setResult: (result: { errors: GraphQLError[] }) => void;
    }) {
      try {
        await contextOf(request, context.req);
      } catch (error) {
        const refused = toGraphQLError(error);
        if (refused.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'unexpected error');
        setResult({ errors: [refused] });
      }
    },
  };
  const yoga = createYoga<{ req: IncomingMessage }>({
    schema: options.schema,
    graphqlEndpoint: '/graphql',
    graphiql: graphql.graphiql,
    plugins: [callerFirst, ...operationLimitPlugins(graphql)],
    // subgraphs are called by the router and other parts, never by browsers
    cors: false,
    landingPage: false,
    logging: false,
    maskedErrors: {
      maskError: (error) => {
        const masked = toGraphQLError(error);
        if (masked.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'unexpected error');
        return masked;
      },
    },
    context: ({ request, req }: YogaInitialContext & { req?: IncomingMessage }) => contextOf(request, req),
  });

  const routes = options.routes ?? {};
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    const path = (req.url ?? '/').split('?')[0]!;
    const route = routes[path];
    if (route) {
      Promise.resolve(route(req, res)).catch((err: unknown) => {
        logger.error({ err }, 'route failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ detail: 'Internal server error' }));
      });
      return;
    }
    void yoga(req, res, { req });
  });

  const wsServer = new WebSocketServer({ server, path: '/graphql' });
  const wsCleanup = useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(ctx.extra.request.headers)) {
          if (typeof value === 'string') headers.set(name, value);
        }
        for (const [name, value] of Object.entries(ctx.connectionParams ?? {})) {
          if (typeof value === 'string') headers.set(name.toLowerCase(), value);
        }
        const enveloped = yoga.getEnveloped({
          req: ctx.extra.request,
          request: new Request('http://ws/graphql', { headers }),
          params,
        });
        // the caller first: an operation nobody can be verified for is answered with the error (UNAUTHENTICATED)
        let contextValue: unknown;
        try {
          contextValue = await enveloped.contextFactory();
        } catch (error) {
          const refused = toGraphQLError(error);
          if (refused.extensions.code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'unexpected error');
          const { http: _http, ...extensions } = refused.extensions;
          return [new GraphQLError(refused.message, { extensions })];
        }
        let document: ReturnType<typeof enveloped.parse>;
        try {
          document = enveloped.parse(params.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return errors;
        } catch (error) {
          // a syntax error or an operation over a limit
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return {
          schema: enveloped.schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue,
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
      },
    },
    wsServer,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/graphql`,
    port,
    /** Stops taking requests, lets those under way finish (up to `drainMs`), then closes every connection. */
    async close(drainMs = 5_000) {
      await wsCleanup.dispose();
      wsServer.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + drainMs;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      server.closeAllConnections();
      await closed;
    },
  };
}
