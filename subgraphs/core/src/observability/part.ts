import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Database } from '../db/database.js';
import type { Route } from '../graphql/server.js';
import { sendJson } from '../http/internal-route.js';
import { observeDatabase } from './database-metrics.js';
import { instrumentListener } from './http-metrics.js';
import { bearerMatches, PartMetrics, type MetricsConfig } from './metrics.js';
import { Readiness } from './readiness.js';

export interface PartObservabilityOptions {
  /** the part's name, the `part` label of its metrics */
  readonly part: string;
  /** who may read /metrics; by default served to anyone */
  readonly config?: MetricsConfig;
  /** the part's database: pool gauges and the readiness check */
  readonly database?: Database;
}

/** What every part serves to operators: `/metrics` (Prometheus text) and `/readyz`. */
export interface PartObservability {
  readonly metrics: PartMetrics;
  readonly readiness: Readiness;
  /** `/metrics` and `/readyz` */
  readonly routes: Readonly<Record<'/metrics' | '/readyz', Route>>;
  /**
   * The part's listener with /metrics and /readyz in front and every answer counted, labelled
   * with what the handler set, else `operationOf(req)`, else the fixed route's path or `unknown`.
   */
  serve(
    listener: (req: IncomingMessage, res: ServerResponse) => void,
    operationOf?: (req: IncomingMessage) => string | undefined,
  ): (req: IncomingMessage, res: ServerResponse) => void;
}

export function observePart(options: PartObservabilityOptions): PartObservability {
  const metrics = new PartMetrics(options.part);
  const readiness = new Readiness({ database: options.database });
  if (options.database) observeDatabase(metrics, options.database);
  metrics.gauge('argus_ready', 'Whether the part answers /readyz 200 (1) or 503 (0)', async () =>
    (await readiness.state()).status === 'ready' ? 1 : 0,
  );
  const config = options.config ?? { enabled: true };
  const routes = {
    '/metrics': async (req: IncomingMessage, res: ServerResponse) => {
      if (!config.enabled) return sendJson(res, 404, { detail: 'Not found' });
      if (config.token !== undefined && !bearerMatches(req.headers.authorization, config.token)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        return sendJson(res, 401, { detail: 'Not authenticated' });
      }
      const text = await metrics.exposition();
      res.writeHead(200, {
        'content-type': metrics.contentType,
        'content-length': Buffer.byteLength(text),
        'cache-control': 'no-store',
      });
      res.end(text);
    },
    '/readyz': async (_req: IncomingMessage, res: ServerResponse) => {
      const state = await readiness.state();
      res.setHeader('cache-control', 'no-store');
      sendJson(res, state.status === 'ready' ? 200 : 503, state);
    },
  };
  return {
    metrics,
    readiness,
    routes,
    serve(listener, operationOf = () => undefined) {
      const handled = (req: IncomingMessage, res: ServerResponse) => {
        const path = (req.url ?? '/').split('?')[0]!;
        const route = path === '/metrics' || path === '/readyz' ? routes[path] : undefined;
        if (!route) return listener(req, res);
        route(req, res).catch(() => {
          if (!res.headersSent) sendJson(res, 500, { detail: 'Internal server error' });
          else res.end();
        });
      };
      return instrumentListener(metrics, handled, (req) => {
        const path = (req.url ?? '/').split('?')[0]!;
        return operationOf(req) ?? (path === '/metrics' || path === '/readyz' ? path : undefined);
      });
    },
  };
}
