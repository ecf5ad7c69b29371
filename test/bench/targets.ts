/** What the load process sends and how it checks each answer (plain data: it crosses processes). */
export type AnswerCheck =
  /** the object at `path` names the expected user */
  | {
      readonly kind: 'user';
      readonly path: readonly string[];
      readonly email: string;
      readonly orgField: string;
      readonly organizationId: number;
    }
  /** the list at `path` holds `count` items, each named with `prefix` */
  | { readonly kind: 'list'; readonly path: readonly string[]; readonly prefix: string; readonly count: number };

export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly check: AnswerCheck;
}

export interface BenchTarget {
  /** which read: `users/me` or `cameras` */
  readonly read: string;
  readonly name: string;
  /** origin (scheme, host, port) */
  readonly origin: string;
  /** one request per user, sent in turn on every connection */
  readonly requests: readonly BenchRequest[];
}

export interface LoadJob {
  readonly target: BenchTarget;
  readonly connections: number;
  readonly seconds: number;
}

export interface LoadOutcome {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly mismatches: number;
  readonly firstMismatch?: string;
  /** CPU of the load process during the run (ms) */
  readonly loadCpuMs: number;
}

function at(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string, unknown> | null | undefined)?.[key];
  return current;
}

/** Why an answer does not belong to the caller who asked, or undefined when it does. */
export function mismatchOf(check: AnswerCheck, body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
  const value = at(parsed, check.path) as Record<string, unknown> | unknown[] | undefined;
  if (check.kind === 'user') {
    const user = value as Record<string, unknown> | undefined;
    if (user?.email === check.email && user[check.orgField] === check.organizationId) return undefined;
    const got = JSON.stringify(user ?? parsed).slice(0, 200);
    return `expected ${check.email} of organization ${check.organizationId}, got ${got}`;
  }
  const items = Array.isArray(value) ? (value as { name?: unknown }[]) : undefined;
  const named = (item: { name?: unknown }) => typeof item.name === 'string' && item.name.startsWith(check.prefix);
  if (items && items.length === check.count && items.every(named)) return undefined;
  return `expected ${check.count} items named "${check.prefix}…", got ${JSON.stringify(items ?? parsed).slice(0, 200)}`;
}
