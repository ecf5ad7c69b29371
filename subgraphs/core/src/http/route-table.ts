import type { Route } from '../graphql/server.js';

/** A route for every path a pattern matches (`/uploads/<id>/content`). */
export type RoutePattern = readonly [RegExp, Route];

/**
 * Exact paths and path patterns as the one record the GraphQL server looks routes up in
 * (`routes[path]`): a path no exact entry names is matched against the patterns.
 */
export function routeTable(exact: Record<string, Route>, patterns: readonly RoutePattern[]): Record<string, Route> {
  if (patterns.length === 0) return exact;
  return new Proxy(exact, {
    get: (target, key) => {
      if (typeof key !== 'string') return undefined;
      if (Object.hasOwn(target, key)) return target[key];
      return patterns.find(([pattern]) => pattern.test(key))?.[1];
    },
  });
}
