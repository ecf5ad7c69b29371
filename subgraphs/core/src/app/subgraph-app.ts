import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { GraphQLSchema } from 'graphql';
import type { Authenticator } from '../auth/authenticator.js';
import type { Viewer } from '../auth/viewer.js';
import type { CommonConfig } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateSchema } from '../db/migrate.js';
import { requestContext, type RequestContext } from '../graphql/context.js';
import { startGraphqlServer, type GraphqlHandler, type GraphqlServer, type Route } from '../graphql/server.js';
import { clientIpOf } from '../http/client-address.js';
import { healthRoute } from '../http/internal-route.js';
import { requestHeaders } from '../http/request-headers.js';
import { routeTable, type RoutePattern } from '../http/route-table.js';
import { createLogger, type Logger } from '../logger.js';

/** What the skeleton reads of a subgraph's configuration (every part's config extends CommonConfig). */
export interface SubgraphAppConfig extends CommonConfig {
  readonly port: number;
}

/** What a subgraph gets while it assembles its services, once its database is open and migrated. */
export interface SubgraphKit {
  readonly database: Database;
  readonly logger: Logger;
  /**
   * The verified caller of a plain HTTP route, as GraphQL requests get it (the router's signed
   * viewer header or a bearer token checked by the assembly's authenticator); for routes only.
   */
  readonly caller: (req: IncomingMessage) => Promise<RequestContext>;
  /** Runs `close` when the app stops: after the server has closed, the last registered first. */
  onStop(close: () => void | Promise<void>): void;
}

/** A subgraph's own parts: what differs from one subgraph to the next. */
export interface SubgraphAssembly<Services, Loaders, Started extends object> {
  readonly services: Services;
  /** checks a bearer token sent straight to this subgraph */
  readonly authenticator: Authenticator;
  /** the per-request DataLoaders */
  readonly loaders: (viewer: Viewer | undefined) => Loaders;
  /** exact-path routes besides `/healthz` (internal endpoints, files) */
  readonly routes?: Record<string, Route>;
  /** routes for paths matching a pattern, tried when no exact route names the path */
  readonly routePatterns?: readonly RoutePattern[];
  /** largest GraphQL multipart request (default: the server's) */
  readonly multipartMaxBytes?: number;
  /** what `start()` answers besides the URL */
  readonly started?: Started;
  /** fields of the "listening" log line besides the URL */
  readonly logFields?: Record<string, unknown>;
}

export interface SubgraphDefinition<Config extends SubgraphAppConfig, Services, Loaders, Started extends object> {
  /** the part's name: logger, metrics label, messages */
  readonly part: string;
  readonly config: Config;
  /** a database shared with other parts (all-in-one, left open on stop); otherwise the app opens its own */
  readonly database?: Database;
  /** the PostgreSQL schema holding the part's tables and its migration table */
  readonly dbSchema: string;
  /** the folder of the part's migrations (`new URL('../migrations/', import.meta.url)`) */
  readonly migrations: URL;
  readonly schema: () => GraphQLSchema;
  assemble(kit: SubgraphKit): Promise<SubgraphAssembly<Services, Loaders, Started>>;
}

/** Where a started subgraph answers GraphQL: its URL, and the same endpoint in-process (no socket). */
export interface SubgraphEntry {
  readonly url: string;
  /** GraphQL on /graphql called in-process, with the same caller checks, limits and metrics as over HTTP */
  readonly handle: GraphqlHandler;
}

/** A subgraph as a process or an all-in-one start sees it. */
export interface SubgraphApp<Services, Started extends object = object> {
  start(): Promise<SubgraphEntry & Started>;
  stop(): Promise<void>;
  /** the part's services (once started) */
  readonly services: () => Services;
}

/**
 * The lifecycle every subgraph shares: open (or share) the database, migrate the part's schema,
 * assemble its services, serve GraphQL with `/healthz`, `/metrics`, `/readyz` and the part's
 * routes; on stop close the server, then what the part registered, then its own database.
 */
export function createSubgraphApp<Config extends SubgraphAppConfig, Services, Loaders, Started extends object = object>(
  definition: SubgraphDefinition<Config, Services, Loaders, Started>,
): SubgraphApp<Services, Started> {
  const { part, config } = definition;
  const logger = createLogger(part, config.logLevel);
  let database: Database | undefined;
  let server: GraphqlServer | undefined;
  let assembly: SubgraphAssembly<Services, Loaders, Started> | undefined;
  let closers: (() => void | Promise<void>)[] = [];
  const sources = () => {
    if (!assembly) throw new Error(`${part} is not started`);
    return { internalKey: config.internalKey, authenticator: assembly.authenticator };
  };

  return {
    services: () => {
      if (!assembly) throw new Error(`${part} is not started`);
      return assembly.services;
    },
    async start() {
      database = definition.database ?? (await openDatabase(config.database));
      await migrateSchema(database.db, definition.dbSchema, fileURLToPath(definition.migrations));
      const assembled = await definition.assemble({
        database,
        logger,
        caller: (req) => requestContext(requestHeaders(req), clientIpOf(req), sources()),
        onStop: (close) => void closers.push(close),
      });
      assembly = assembled;
      server = await startGraphqlServer({
        schema: definition.schema(),
        host: config.host,
        port: config.port,
        logger,
        graphql: config.graphql,
        multipartMaxBytes: assembled.multipartMaxBytes,
        observability: { part, config: config.metrics, database },
        context: async (headers, clientIp) => {
          const base = await requestContext(headers, clientIp, sources());
          return { ...base, services: assembled.services, loaders: assembled.loaders(base.viewer) };
        },
        routes: routeTable({ '/healthz': healthRoute, ...assembled.routes }, assembled.routePatterns ?? []),
      });
      logger.info({ url: server.url, ...assembled.logFields }, `${part} subgraph listening`);
      return { url: server.url, handle: server.handle, ...(assembled.started as Started) };
    },
    async stop() {
      await server?.close();
      server = undefined;
      const closing = closers.reverse();
      closers = [];
      for (const close of closing) await close();
      if (!definition.database) await database?.close();
    },
  };
}
