/** The validated REST request a handler reads: path and query coerced to their types, the parsed body. */
export interface RestRequest {
  readonly params: Readonly<Record<string, unknown>>;
  readonly query: Readonly<Record<string, unknown>>;
  readonly body: unknown;
}

/** How one REST operation maps onto its GraphQL document (`operations/<operationId>.graphql`). */
export interface OperationSpec {
  /** variables of the document, from the REST request (snake_case → camelCase) */
  variables?(request: RestRequest): Record<string, unknown>;
  /** the document's root field that holds the result */
  readonly field: string;
  /** the REST response body from that field's value */
  toRest(value: unknown, request: RestRequest): unknown;
  /** a null value means the object does not exist: 404 with this detail */
  readonly notFound?: string;
  /** the operation's own 400 status (token refresh/revoke) */
  readonly invalidStatus?: string;
  /** success is 204 without a body */
  readonly noContent?: boolean;
  /** headers of the success answer from that field's value (the `Pagination-Cursor` of 3.2 and 3.4) */
  headers?(value: unknown, request: RestRequest): Readonly<Record<string, string>> | undefined;
}

export type OperationSpecs = Readonly<Record<string, OperationSpec>>;

/** When the spec gives no default page size. */
export const DEFAULT_LIMIT = 100;

/** A request of a listing: its page parameters. */
interface PagedRequest {
  readonly query: { readonly limit?: number; readonly cursor?: string };
}

/** REST `limit`/`cursor` → GraphQL `first`/`after`. */
export function pageVariables(request: PagedRequest): { first: number; after?: string } {
  return { first: request.query.limit ?? DEFAULT_LIMIT, after: request.query.cursor };
}

/** `{id: <path parameter>}`, typed as the operation's path parameter. */
export const byId =
  <P extends string>(param: P) =>
  <R extends RestRequest>(request: R): { id: P extends keyof R['params'] ? R['params'][P] : unknown } => ({
    id: request.params[param] as P extends keyof R['params'] ? R['params'][P] : unknown,
  });
