import { createHash, timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { bool, ConfigError, optionalStr, type Env } from '../env.js';

/** Who may read `/metrics` (README: METRICS, METRICS_TOKEN). */
export interface MetricsConfig {
  /** `/metrics` is served; otherwise it answers 404 */
  readonly enabled: boolean;
  /** when set, `/metrics` asks for `Authorization: Bearer <token>` */
  readonly token?: string;
}

/**
 * On by default; with NODE_ENV=production only behind METRICS_TOKEN: a production part never
 * serves its metrics without a token, whatever METRICS says.
 */
export function metricsConfig(env: Env): MetricsConfig {
  const token = optionalStr(env, 'METRICS_TOKEN');
  if (token !== undefined && token.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const production = env.NODE_ENV === 'production';
  const enabled = bool(env, 'METRICS', !production || token !== undefined);
  if (enabled && production && token === undefined) {
    throw new ConfigError('METRICS=true needs METRICS_TOKEN with NODE_ENV=production');
  }
  return Object.freeze({ enabled, token });
}

/** Whether an Authorization header carries the token (constant time over digests). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

/** Latency buckets of HTTP requests and subgraph fetches, seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Distinct operation names one part labels before it reports further ones as `other`. */
export const MAX_OPERATION_LABELS = 256;

const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** prom-client's default process metrics (CPU, memory, event loop lag, GC): collected once per process. */
let processRegistry: Registry | undefined;

export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The metrics of one part, in a registry of its own labelled `part`: in the all-in-one process
 * each part serves its own series on its own port (no series is served twice across parts) and
 * the process metrics next to them.
 */
export class PartMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'status'>;
  readonly requestDuration: Histogram<'operation'>;
  private readonly registries: Registry[] = [this.registry];
  private readonly names = new Set<string>();

  constructor(readonly part: string) {
    this.registry.setDefaultLabels({ part });
    this.requests = new Counter({
      name: 'argus_http_requests_total',
      help: 'HTTP requests answered, by operation (REST operationId, GraphQL operation name, fixed route) and status',
      labelNames: ['operation', 'status'],
      registers: [this.registry],
    });
    this.requestDuration = new Histogram({
      name: 'argus_http_request_duration_seconds',
      help: 'Time from a request to its answer, by operation',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
  }

  /** A registry for a library to fill (e.g. the gateway's Prometheus plugin), served with this part's metrics. */
  libraryRegistry(): Registry {
    const registry = new Registry();
    registry.setDefaultLabels({ part: this.part });
    this.registries.push(registry);
    return registry;
  }

  counter<Label extends string>(name: string, help: string, labelNames: readonly Label[]): Counter<Label> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  gauge(name: string, help: string, collect: () => number | undefined | Promise<number | undefined>): Gauge {
    return new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        const value = await collect();
        if (value === undefined) this.reset();
        else this.set(value);
      },
    });
  }

  /**
   * A bounded operation label: a valid GraphQL/operationId name as it is until MAX_OPERATION_LABELS
   * distinct ones were seen, `other` beyond, `none` without one.
   */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'none';
    if (!NAME.test(name)) return 'other';
    if (this.names.has(name)) return name;
    if (this.names.size >= MAX_OPERATION_LABELS) return 'other';
    this.names.add(name);
    return name;
  }

  observe(operation: string, status: number, seconds: number): void {
    this.requests.inc({ operation, status: String(status) });
    this.requestDuration.observe({ operation }, seconds);
  }

  /** The Prometheus text of this part and of the process. */
  async exposition(): Promise<string> {
    const texts = await Promise.all([...this.registries, processMetrics()].map((registry) => registry.metrics()));
    return texts.filter((text) => text.trim() !== '').join('\n');
  }

  readonly contentType = this.registry.contentType;
}
