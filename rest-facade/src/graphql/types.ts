/** A GraphQL error as subgraphs and the router send it (see core/graphql/errors.ts). */
export interface GraphqlError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: {
    readonly code?: string;
    readonly status?: string;
    readonly field?: readonly (string | number)[];
    readonly kind?: string;
    readonly [key: string]: unknown;
  };
}

export interface GraphqlResult {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly GraphqlError[];
}

/** A typed mutation error: a member of the result union (the Pothos errors plugin). */
export interface UnionError {
  readonly __typename: 'InvalidRequestError' | 'NotFoundError';
  readonly message: string;
  readonly status?: string | null;
}
