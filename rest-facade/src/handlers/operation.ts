/** The validated REST request a handler reads: path and query coerced to their types, the parsed body. */
export interface RestRequest {
  readonly params: Readonly<Record<string, any>>;
  readonly query: Readonly<Record<string, any>>;
  readonly body: any;
}

/** How one REST operation maps onto its GraphQL document (`operations/<operationId>.graphql`). */
export interface OperationSpec {
  /** variables of the document, from the REST request (snake_case → camelCase) */
  readonly variables?: (request: RestRequest) => Record<string, unknown>;
  /** the document's root field that holds the result */
  readonly field: string;
  /** the REST response body from that field's value */
  readonly toRest: (value: any, request: RestRequest) => unknown;
  /** a null value means the object does not exist: 404 with this detail */
  readonly notFound?: string;
  /** the operation's own 400 status (token refresh/revoke) */
  readonly invalidStatus?: string;
  /** success is 204 without a body */
  readonly noContent?: boolean;
  /** headers of the success answer from that field's value (the `Pagination-Cursor` of 3.2 and 3.4) */
  readonly headers?: (value: any, request: RestRequest) => Readonly<Record<string, string>> | undefined;
}

export type OperationSpecs = Readonly<Record<string, OperationSpec>>;

/** When the spec gives no default page size. */
export const DEFAULT_LIMIT = 100;

/** REST `limit`/`cursor` → GraphQL `first`/`after`. */
export function pageVariables(request: RestRequest): { first: number; after?: string } {
  return { first: request.query.limit ?? DEFAULT_LIMIT, after: request.query.cursor };
}

/** `{id: <path parameter>}` */
export const byId = (param: string) => (request: RestRequest) => ({ id: request.params[param] });
