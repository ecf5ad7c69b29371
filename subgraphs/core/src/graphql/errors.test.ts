import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { InputValidationError, NotFoundError } from '../errors.js';
import { dataExceptionMessage, toGraphQLError } from './errors.js';

/** An error as pg and PGlite raise it: a message and the SQLSTATE in `code`. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('toGraphQLError', () => {
  it('keeps domain errors with their code and field', () => {
    const error = toGraphQLError(
      new GraphQLError('x', { originalError: new InputValidationError('Invalid cursor', ['after']) }),
    );
    expect(error.message).toBe('Invalid cursor');
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['after'], kind: 'invalid' });
    const tooLong = new InputValidationError('too long', ['input', 'name'], 'too_long', { limit: 255 });
    expect(toGraphQLError(tooLong).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: ['input', 'name'],
      kind: 'too_long',
      limit: 255,
    });
    expect(toGraphQLError(new NotFoundError('gone')).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
    ['22003', 'value "1e308" is out of range for type integer'],
    ['22008', 'timestamp out of range'],
    ['22P02', 'invalid input syntax for type integer: "x"'],
    ['22012', 'division by zero'],
  ])("answers PostgreSQL data exception %s as bad input, without the server's wording", (code, message) => {
    const error = toGraphQLError(
      new GraphQLError('wrapped', { path: ['places'], originalError: pgError(code, message) }),
    );
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.path).toEqual(['places']);
    expect(error.message).not.toContain(message);
    expect(error.message).toBe(dataExceptionMessage({ code }));
  });

  it('finds a data exception behind a cause', () => {
    expect(toGraphQLError(new Error('query failed', { cause: pgError('22021', 'x') })).extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it("masks every other error, PostgreSQL's included", () => {
    for (const original of [
      new Error('boom'),
      pgError('23505', 'duplicate key'),
      pgError('42P01', 'relation does not exist'),
      { code: 22021 },
    ]) {
      const error = toGraphQLError(original);
      expect(error.message).toBe('Internal server error');
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    }
  });
});
