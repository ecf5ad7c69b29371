import { format } from 'node:util';
import type { Logger as HiveLogger, LogLevel } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@argus/core';

/** The gateway's level for each pino level: at most info (its debug lines carry whole subgraph requests and results). */
const GATEWAY_LOG_LEVELS: Record<string, LogLevel | false> = {
  trace: 'info',
  debug: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'error',
  silent: false,
};
const LEVEL_ORDER: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];
const SECRET_KEY = /token|authorization|password|secret|cookie|x-argus-viewer|connectionparams|variables|body/i;

/** A copy of log attributes without credentials (keys like accessToken, authorization, variables). */
function withoutSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEY.test(key) ? '[redacted]' : withoutSecrets(item, depth + 1),
    ]),
  );
}

type LogAttributes = Record<string, unknown> | unknown[];

/** Attributes given as a function are computed only for a line that is written. */
function attributesOf(value: unknown, depth = 0): LogAttributes | undefined {
  if (typeof value === 'function' && depth < 3) return attributesOf(value(), depth + 1);
  return value && typeof value === 'object' ? (value as LogAttributes) : undefined;
}

function mergeAttributes(base?: LogAttributes, own?: LogAttributes): LogAttributes | undefined {
  if (!base || !own) return own ?? base;
  if (Array.isArray(base) || Array.isArray(own)) return [...[base].flat(), ...[own].flat()];
  return { ...base, ...own };
}

/**
 * The gateway's own log lines, written to the part's pino logger without credentials. It offers
 * the interface of the gateway's Logger without being that class: every construction of that class
 * (each child logger too) reads LOG_LEVEL from process.env and throws on a level it does not know,
 * pino's `fatal` and `silent` among them, which Argus's LOG_LEVEL accepts.
 */
class GatewayLog {
  constructor(
    private readonly sink: Pick<Logger, LogLevel>,
    private levelOf: () => LogLevel | false,
    readonly prefix?: string,
    readonly attrs?: LogAttributes,
  ) {}

  get level(): LogLevel | false {
    return this.levelOf();
  }

  setLevel(level: LogLevel | false | (() => LogLevel | false)): void {
    this.levelOf = typeof level === 'function' ? level : () => level;
  }

  write(level: LogLevel, attrs: LogAttributes | null | undefined, msg: string | null | undefined): void {
    const fields = withoutSecrets(Array.isArray(attrs) ? { attrs } : (attrs ?? {})) as object;
    this.sink[level](fields, msg ?? '');
  }

  flush(): undefined {
    return undefined;
  }

  child(prefixOrAttrs: string | LogAttributes, prefix?: string): GatewayLog {
    const inherited = () => this.level;
    if (typeof prefixOrAttrs === 'string')
      return new GatewayLog(this.sink, inherited, (this.prefix ?? '') + prefixOrAttrs, this.attrs);
    const joined = (this.prefix ?? '') + (prefix ?? '');
    return new GatewayLog(this.sink, inherited, joined || undefined, mergeAttributes(this.attrs, prefixOrAttrs));
  }

  log(level: LogLevel, first?: unknown, ...rest: unknown[]): void {
    const enabled = this.level;
    if (enabled === false || LEVEL_ORDER.indexOf(level) < LEVEL_ORDER.indexOf(enabled)) return;
    let msg: string | undefined;
    let own: LogAttributes | undefined;
    if (typeof first === 'string') msg = first;
    else if (first) {
      own = attributesOf(first);
      if (typeof rest[0] === 'string') msg = rest.shift() as string;
    }
    if (this.prefix) msg = `${this.prefix}${msg ?? ''}`.trim();
    if (msg && rest.length) msg = format(msg, ...rest);
    this.write(level, mergeAttributes(attributesOf(this.attrs), own), msg);
  }

  trace(...args: unknown[]): void {
    this.log('trace', ...args);
  }
  debug(...args: unknown[]): void {
    this.log('debug', ...args);
  }
  info(...args: unknown[]): void {
    this.log('info', ...args);
  }
  warn(...args: unknown[]): void {
    this.log('warn', ...args);
  }
  error(...args: unknown[]): void {
    this.log('error', ...args);
  }
}

/** The gateway's logger: the part's pino logger at the gateway's level for it. */
export function gatewayLogger(logger: Logger): HiveLogger {
  const level = GATEWAY_LOG_LEVELS[logger.level] ?? 'info';
  // the gateway uses only the Logger's public methods; its class has private fields no other class can match
  return new GatewayLog(logger.child({ component: 'gateway' }), () => level) as unknown as HiveLogger;
}

const DISCARD = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A logger of the gateway's interface that writes nothing, for its plugins' own `log` option. */
export function silentGatewayLogger(): HiveLogger {
  return new GatewayLog(DISCARD, () => false) as unknown as HiveLogger;
}
