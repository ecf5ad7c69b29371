import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, idPageOf, MAX_CURSOR_LENGTH, toPage } from './cursor.js';
import { InputValidationError } from './errors.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const UUID = '0b6f8f57-3f3c-4f43-9d0f-54a0b1d8c1aa';

function refusal(cursor: string): unknown {
  try {
    decodeCursor(cursor);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('decodeCursor', () => {
  it('reads back every key this module writes', () => {
    for (const key of [[1], [0], [2_147_483_647], ['2024-05-01T10:00:00.000Z', UUID], [new Date().toISOString(), 7]]) {
      expect(decodeCursor(encodeCursor(key))).toEqual(key);
    }
    expect(toPage([{ id: 1 }, { id: 2 }, { id: 3 }], 2, (row) => [row.id]).nextCursor).toBe(encodeCursor([2]));
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor(null)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['a number out of range (1e308)', 'WzFlMzA4XQ'],
    ['a number past int4', encodeCursor([2_147_483_648])],
    ['a negative id', encodeCursor([-1])],
    ['a fraction', encodeCursor([1.5])],
    ['a number spelled otherwise', b64('[1e0]')],
    ['an empty key', encodeCursor([])],
    ['too many parts', encodeCursor([1, 2, 3, 4, 5])],
    ['a free string', encodeCursor(['abc'])],
    ['a NUL character', encodeCursor(['\u0000'])],
    ["a date outside PostgreSQL's range", encodeCursor(['-271821-04-20T00:00:00.000Z', UUID])],
    ['year zero', encodeCursor(['0000-01-01T00:00:00.000Z', UUID])],
    ['a date that does not exist', encodeCursor(['2024-02-31T00:00:00.000Z', UUID])],
    ['a date in another spelling', encodeCursor(['2024-05-01 10:00:00', UUID])],
    ['a nested array', encodeCursor([[1]] as never)],
    ['an object', b64('{"id":1}')],
    ['null', b64('null')],
    ['a boolean', b64('[true]')],
    ['JSON that does not parse', b64('[1')],
    ['characters outside base64url', '%%%'],
    ['standard base64 padding', `${encodeCursor([1])}=`],
    ['a very long cursor', encodeCursor(Array.from({ length: 200 }, () => 1)).slice(0, MAX_CURSOR_LENGTH + 4)],
    ['a long cursor that decodes', b64(`[1${' '.repeat(300)}]`)],
  ])('refuses %s as bad input at ["after"]', (_name, cursor) => {
    const error = refusal(cursor);
    expect(error).toBeInstanceOf(InputValidationError);
    expect(error).toMatchObject({ message: 'Invalid cursor', field: ['after'], code: 'BAD_USER_INPUT' });
  });

  it('names where the cursor arrived', () => {
    expect(() => decodeCursor('WzFlMzA4XQ', ['input', 'cursor'])).toThrow(
      expect.objectContaining({ field: ['input', 'cursor'] }),
    );
  });
});

describe('idPageOf', () => {
  it('takes an id cursor and refuses a timestamp key', () => {
    expect(idPageOf(10, encodeCursor([42]))).toEqual({ limit: 10, afterId: 42 });
    expect(() => idPageOf(10, encodeCursor(['2024-05-01T10:00:00.000Z', UUID]))).toThrow(InputValidationError);
    expect(() => idPageOf(10, 'WzFlMzA4XQ')).toThrow(InputValidationError);
  });
});
