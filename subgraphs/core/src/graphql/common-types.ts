import type { ArgBuilder, InputFieldRef, InterfaceRef, ObjectRef, SchemaTypes } from '@pothos/core';
import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { InvalidRequestError, NotFoundError } from '../errors.js';
import { PAGE_LIMITS } from '../cursor.js';

/**
 * Types every subgraph declares identically (shareable in federation): the DateTime and JSON
 * scalars, the Error interface with the typed mutation errors, PageInfo and Ok.
 */
export function defineCommonTypes<Types extends SchemaTypes>(typedBuilder: PothosSchemaTypes.SchemaBuilder<Types>) {
  // The generic builder cannot prove these names are in its Scalars map; each subgraph's builder declares them.
  const builder = typedBuilder as any;

  builder.scalarType('DateTime', {
    description: 'An ISO 8601 timestamp with time zone',
    serialize: (value: unknown) =>
      value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString(),
    parseValue: (value: unknown) => parseDate(value),
    parseLiteral: (ast: ValueNode) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
  });

  builder.scalarType('JSON', {
    description: 'Any JSON value',
    serialize: (value: unknown) => value,
    parseValue: (value: unknown) => value,
    parseLiteral: (ast: ValueNode) => literalValue(ast),
  });

  const ErrorInterface = builder.interfaceRef('Error').implement({
    fields: (t: any) => ({ message: t.exposeString('message') }),
  });

  builder.objectType(InvalidRequestError, {
    name: 'InvalidRequestError',
    shareable: true,
    description: 'A business rule refused the request',
    interfaces: [ErrorInterface],
    isTypeOf: (value: unknown) => value instanceof InvalidRequestError,
    fields: (t: any) => ({
      status: t.string({ resolve: (error: InvalidRequestError) => error.status ?? 'invalid_request' }),
    }),
  });

  builder.objectType(NotFoundError, {
    name: 'NotFoundError',
    shareable: true,
    description: 'The object does not exist or is not visible to the caller',
    interfaces: [ErrorInterface],
    isTypeOf: (value: unknown) => value instanceof NotFoundError,
    fields: () => ({}),
  });

  const PageInfo = builder.objectRef('PageInfo').implement({
    shareable: true,
    fields: (t: any) => ({
      endCursor: t.exposeString('endCursor', { nullable: true }),
      hasNextPage: t.exposeBoolean('hasNextPage'),
    }),
  });

  const Ok = builder.objectRef('Ok').implement({
    shareable: true,
    description: 'A mutation that has nothing to return succeeded',
    fields: (t: any) => ({ ok: t.exposeBoolean('ok') }),
  });

  /** Arguments of every paginated field. */
  const pageArgs = (t: any) => ({
    first: t.int({
      defaultValue: PAGE_LIMITS.default,
      description: `Page size, ${PAGE_LIMITS.min}..${PAGE_LIMITS.max}`,
    }),
    after: t.string({ required: false, description: 'Cursor of the previous page' }),
  });

  return {
    ErrorInterface: ErrorInterface as InterfaceRef<Types, Error>,
    PageInfo: PageInfo as ObjectRef<Types, { endCursor: string | null; hasNextPage: boolean }>,
    Ok: Ok as ObjectRef<Types, { ok: true }>,
    pageArgs: pageArgs as (t: ArgBuilder<Types>) => {
      first: InputFieldRef<Types, number>;
      after: InputFieldRef<Types, string | null | undefined>;
    },
    mutationErrors: [InvalidRequestError, NotFoundError],
  };
}

function parseDate(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string');
  return date;
}

function literalValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return ast.value;
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalValue(f.value)]));
    default:
      return undefined;
  }
}
