import type { OpenAPIRouter, Operation, Request } from 'openapi-backend';

interface TemplateRoute {
  readonly operation: Operation;
  readonly pattern: RegExp;
}

/** `/users/{user_id}` → /^\/users\/[^/]+$/, as openapi-backend 5.21 builds it (literal parts escaped). */
function patternOf(path: string): RegExp {
  const literal = path
    .replace(/\{[^}]+\}/g, '\0')
    .split('\0')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('[^/]+')}$`);
}

/**
 * Prebuilt routing for openapi-backend's router. Upstream (5.21) rebuilds the whole operation
 * list with lodash on every getOperations() call — matchOperation calls it twice per request and
 * compiles a RegExp for every path template, and getOperation(id) scans the rebuilt list — which
 * costs more than the rest of routing together with the 153 operations here. The document does
 * not change after init(), so the list, an operationId map and the compiled templates are built
 * once; matching keeps upstream's rules: an exact path with the method first, then the templates
 * the path matches, the most literal one first (404 when none matches, 405 when none has the method).
 */
export function indexOperations(router: OpenAPIRouter): void {
  const operations = router.getOperations();
  const byId = new Map(operations.filter((op) => op.operationId).map((op) => [op.operationId!, op]));
  const exact = new Map<string, Operation[]>();
  for (const op of operations) exact.set(op.path, [...(exact.get(op.path) ?? []), op]);
  const literalLength = (path: string) => path.replace(/\{.*?\}/g, '').length;
  // a stable sort: equally literal templates keep the document's order, as upstream's lodash orderBy does
  const templates: TemplateRoute[] = operations
    .map((operation) => ({ operation, pattern: patternOf(operation.path) }))
    .sort((a, b) => literalLength(b.operation.path) - literalLength(a.operation.path));
  const underApiRoot = (router as unknown as { isUnderApiRoot(path: string): boolean }).isUnderApiRoot.bind(router);

  function matchOperation(req: Request): Operation | undefined;
  function matchOperation(req: Request, strict: boolean): Operation;
  function matchOperation(req: Request, strict = false): Operation | undefined {
    const fail = (message: string) => {
      if (strict) throw Error(message);
      return undefined;
    };
    const normalized = router.normalizeRequest(req);
    if (!underApiRoot(normalized.path)) return fail('404-notFound: no route matches request');
    const path = router.normalizePath(normalized.path);
    const found = exact.get(path)?.find((op) => op.method === normalized.method);
    if (found) return found;
    const matching = templates.filter((route) => route.pattern.test(path));
    if (matching.length === 0) return fail('404-notFound: no route matches request');
    return (
      matching.find((route) => route.operation.method === normalized.method)?.operation ??
      fail('405-methodNotAllowed: this method is not registered for the route')
    );
  }

  router.getOperations = () => operations;
  router.getOperation = (operationId: string) => byId.get(operationId);
  router.matchOperation = matchOperation;
}
