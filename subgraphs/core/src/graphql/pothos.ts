import type { Page } from '../cursor.js';

/** A page in the shape the GraphQL connection types expose. */
export interface Connection<T> {
  readonly nodes: T[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

export function toConnection<T>(page: Page<T>): Connection<T> {
  return {
    nodes: page.items,
    pageInfo: { endCursor: page.nextCursor ?? null, hasNextPage: page.nextCursor !== undefined },
  };
}

/** A connection, or null when the parent is not visible (the REST facade answers 404). */
export function optionalConnection<T>(page: Page<T> | undefined): Connection<T> | null {
  return page ? toConnection(page) : null;
}

/** Resolves a mutation that returns nothing to the shared `Ok` type. */
export async function done(work: Promise<unknown>): Promise<{ ok: true }> {
  await work;
  return { ok: true };
}
