import { GraphQLError, parse, Source } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskRouterError } from './errors.js';

describe('errors leaving the router', () => {
  it('gives a refused variable the code BAD_USER_INPUT, keeping its message and location', () => {
    const source = new Source('mutation($i: PlaceInput!) { createPlace(input: $i) { __typename } }');
    const document = parse(source);
    const variable = new GraphQLError(
      'Variable "$i" got invalid value Infinity at "i.latitude"; Float cannot represent non numeric value: Infinity',
      {
        nodes: [document.definitions[0]!],
      },
    );
    const masked = maskRouterError(variable, 'Unexpected error.') as GraphQLError;
    expect(masked.toJSON()).toEqual({
      message: variable.message,
      locations: [{ line: 1, column: 1 }],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const missing = new GraphQLError('Variable "$id" of required type "Int!" was not provided.');
    expect((maskRouterError(missing, 'Unexpected error.') as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('leaves coded errors as they are and masks unexpected ones', () => {
    const unused = new GraphQLError('Variable "$x" is never used.', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(maskRouterError(unused, 'Unexpected error.')).toBe(unused);
    const unexpected = maskRouterError(new Error('database password is hunter2'), 'Unexpected error.');
    expect(unexpected.message).toBe('Unexpected error.');
  });
});
