/** A GraphQL cursor connection as the operation documents select it. */
export interface Connection<T> {
  readonly nodes: readonly T[];
  readonly pageInfo?: { readonly endCursor?: string | null; readonly hasNextPage: boolean };
}

/** REST `{pagination: {cursor}, <items>: [...]}`; the cursor is null on the last page. */
export function toRestPage<K extends string, T, R>(
  key: K,
  connection: Connection<T>,
  toRest: (node: T) => R,
): RestPage<K, R> {
  const pageInfo = connection.pageInfo;
  const cursor = pageInfo?.hasNextPage ? (pageInfo.endCursor ?? null) : null;
  return { pagination: { cursor }, [key]: connection.nodes.map(toRest) } as RestPage<K, R>;
}

/** `{pagination: {cursor}, <key>: [...]}` */
export type RestPage<K extends string, R> = { pagination: { cursor: string | null } } & { [P in K]: R[] };

/** `{<key>: [...]}` */
export type RestList<K extends string, R> = { [P in K]: R[] };

/** REST `{<items>: [...]}` for the lists the spec does not paginate. */
export function toRestList<K extends string, T, R>(
  key: K,
  nodes: readonly T[],
  toRest: (node: T) => R,
): RestList<K, R> {
  return { [key]: nodes.map(toRest) } as RestList<K, R>;
}
