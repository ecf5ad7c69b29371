import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, type DocumentNode } from 'graphql';
import type { PartMetrics } from './metrics.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/** The operation a request turned out to run, set while it is handled (GraphQL: once its document is known). */
const operations = new WeakMap<IncomingMessage, string>();

export function setRequestOperation(req: IncomingMessage | undefined, operation: string): void {
  if (req) operations.set(req, operation);
}

/**
 * Counts and times every answer of a listener: the operation is what the handler set, else
 * `operationOf(req)` (e.g. the REST operationId, a fixed route), else `unknown`.
 */
export function instrumentListener(
  metrics: PartMetrics,
  listener: Listener,
  operationOf: (req: IncomingMessage) => string | undefined = () => undefined,
): Listener {
  return (req, res) => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = operations.get(req) ?? operationOf(req) ?? 'unknown';
      // a client gone before its answer was complete is counted as 499, the answer it never got
      metrics.observe(operation, res.writableFinished ? res.statusCode : 499, seconds);
    });
    listener(req, res);
  };
}

/** The operation's own name in a document (`none` for an anonymous one). */
function operationNameOf(document: DocumentNode, operationName: string | null | undefined): string | undefined {
  try {
    return getOperationAST(document, operationName)?.name?.value;
  } catch {
    return undefined;
  }
}

interface WithRequest {
  readonly req?: IncomingMessage;
}

/**
 * A yoga / envelop plugin (subgraphs and the router's gateway) naming each HTTP request's
 * operation: the name the client gave, else the name of the document's only operation, replaced
 * by the executed operation's own once known (`none` for an anonymous operation or a request
 * that never got that far).
 */
export function graphqlOperationLabels(metrics: PartMetrics) {
  return {
    onParams({ params, context }: { params: { operationName?: string | null }; context: unknown }) {
      const req = (context as WithRequest | undefined)?.req;
      setRequestOperation(req, metrics.operationLabel(params.operationName));
    },
    onParse({ context }: { context: unknown }) {
      const req = (context as WithRequest | undefined)?.req;
      if (!req) return undefined;
      return ({ result }: { result: unknown }) => {
        // a document of one operation is named before validation, which may still refuse it
        if (result && typeof result === 'object' && 'kind' in result && operations.get(req) === 'none') {
          setRequestOperation(req, metrics.operationLabel(operationNameOf(result as DocumentNode, undefined)));
        }
      };
    },
    onExecute({ args }: { args: { document: DocumentNode; operationName?: string | null; contextValue: unknown } }) {
      const req = (args.contextValue as WithRequest | undefined)?.req;
      if (req) setRequestOperation(req, metrics.operationLabel(operationNameOf(args.document, args.operationName)));
    },
  };
}

/** `/users/{user_id}` → /^\/users\/[^/]+$/ */
function templatePattern(template: string): RegExp {
  const literal = template
    .replace(/\{[^}]+\}/g, '\0')
    .split('\0')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('[^/]+')}$`);
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * The operationId of a REST request from an OpenAPI document (the most literal template first,
 * as openapi-backend routes), or undefined for a path it does not describe.
 */
export function restOperationMatcher(
  document: { paths?: Record<string, Record<string, unknown>>; servers?: { url?: string }[] },
  fixedRoutes: readonly string[] = [],
): (req: IncomingMessage) => string | undefined {
  const base = new URL(document.servers?.[0]?.url ?? '/', 'http://base.invalid').pathname.replace(/\/$/, '');
  const literalLength = (template: string) => template.replace(/\{.*?\}/g, '').length;
  const routes = Object.entries(document.paths ?? {})
    .sort(([a], [b]) => literalLength(b) - literalLength(a))
    .flatMap(([template, item]) =>
      Object.entries(item)
        .filter(
          ([method, op]) =>
            METHODS.includes(method) && typeof (op as { operationId?: unknown }).operationId === 'string',
        )
        .map(([method, op]) => ({
          method: method.toUpperCase(),
          pattern: templatePattern(base + template),
          operationId: (op as { operationId: string }).operationId,
        })),
    );
  const fixed = new Set(fixedRoutes);
  return (req) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (fixed.has(path)) return path;
    const method = (req.method ?? 'GET').toUpperCase();
    return routes.find((route) => route.method === method && route.pattern.test(path))?.operationId;
  };
}
