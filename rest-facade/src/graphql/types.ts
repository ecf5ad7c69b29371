import type { OperationSpec, OperationSpecs, RestRequest } from '../handlers/operation.js';
import type { operations } from '../openapi/generated/contract.js';
import type { OperationTypes } from './generated/operations.js';

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

/** The operations the facade implements (one document each), by operationId. */
export type OperationId = keyof OperationTypes;
export type OperationResult<Id extends OperationId> = OperationTypes[Id]['result'];
export type OperationVariables<Id extends OperationId> = OperationTypes[Id]['variables'];

/** A root field's value as a handler maps it: present, and not a typed error (the runner answers those). */
export type FieldValue<Id extends OperationId, F extends keyof OperationResult<Id>> = Exclude<
  NonNullable<OperationResult<Id>[F]>,
  { readonly __typename: UnionError['__typename'] }
>;

/** The JSON body of the REST operation's success answer (200/201), from the contract. */
export type RestSuccessBody<Id extends string> = Id extends keyof operations
  ? OrUnknown<SuccessContent<operations[Id]['responses']>>
  : unknown;
type SuccessContent<R> = {
  [S in keyof R]: S extends 200 | 201 ? (R[S] extends { content: { 'application/json': infer B } } ? B : never) : never;
}[keyof R];
type OrUnknown<T> = [T] extends [never] ? unknown : T;

/** One part of a contract operation's parameters (path or query), as an object. */
type ParametersOf<Op, Part extends 'path' | 'query'> = Op extends { readonly parameters: infer P }
  ? P extends { readonly [K in Part]?: infer V }
    ? [NonNullable<V>] extends [never]
      ? Readonly<Record<string, never>>
      : Readonly<NonNullable<V>>
    : Readonly<Record<string, never>>
  : never;
/** The body of a contract operation's request (JSON, form or multipart), undefined when it has none. */
type BodyOf<Op> = Op extends { readonly requestBody?: { readonly content: infer C } } ? C[keyof C] : undefined;

/** The validated REST request of one contract operation: its path and query parameters and its body. */
export type RestRequestOf<Id extends string> = Id extends keyof operations
  ? {
      readonly params: ParametersOf<operations[Id], 'path'>;
      readonly query: ParametersOf<operations[Id], 'query'>;
      readonly body: BodyOf<operations[Id]>;
    }
  : RestRequest;

/** An OperationSpec whose mappers are typed by the operation's document and the REST contract. */
export type TypedOperationSpec<Id extends OperationId> = {
  [F in keyof OperationResult<Id> & string]: Omit<OperationSpec, 'field' | 'variables' | 'toRest' | 'headers'> & {
    readonly field: F;
    readonly variables?: (request: RestRequestOf<Id>) => OperationVariables<Id>;
    readonly toRest: (value: FieldValue<Id, F>, request: RestRequestOf<Id>) => RestSuccessBody<Id>;
    readonly headers?: (
      value: FieldValue<Id, F>,
      request: RestRequestOf<Id>,
    ) => Readonly<Record<string, string>> | undefined;
  };
}[keyof OperationResult<Id> & string];

/** Handlers' specs, checked with `satisfies TypedOperationSpecs`: keys are operationIds with a document. */
export type TypedOperationSpecs = { readonly [Id in OperationId]?: TypedOperationSpec<Id> };

/**
 * Typed specs as the runner's registry holds them: each spec was checked against its own
 * operation's contract and document (`satisfies TypedOperationSpecs`); the runner calls it with
 * that operation's validated request and field value only.
 */
export function registered(specs: TypedOperationSpecs): OperationSpecs {
  return specs as unknown as OperationSpecs;
}
