/** A GraphQL cursor connection as the operation documents select it. */
export interface Connection<T> {
  readonly nodes: readonly T[];
  readonly pageInfo?: { readonly endCursor?: string | null; readonly hasNextPage: boolean };
}

/** REST `{pagination: {cursor}, <items>: [...]}`; the cursor is null on the last page. */
export function toRestPage<T, R>(
  key: string,
  connection: Connection<T>,
  toRest: (node: T) => R,
): Record<string, unknown> {
  const pageInfo = connection.pageInfo;
  const cursor = pageInfo?.hasNextPage ? (pageInfo.endCursor ?? null) : null;
  return { pagination: { cursor }, [key]: connection.nodes.map(toRest) };
}

/** REST `{<items>: [...]}` for the lists the spec does not paginate. */
export function toRestList<T, R>(key: string, nodes: readonly T[], toRest: (node: T) => R): Record<string, unknown> {
  return { [key]: nodes.map(toRest) };
}
