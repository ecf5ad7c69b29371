import { InvalidRequestError } from '@argus/core';
import { describe, expect, it } from 'vitest';
import { refusingRaces } from './constraint-errors.js';

const failing = (code: string) => () => Promise.reject(Object.assign(new Error(`sqlstate ${code}`), { code }));

describe('refusingRaces', () => {
  it('passes the result through', async () => {
    expect(await refusingRaces(async () => 7, { unique: 'u' })).toBe(7);
  });

  it('turns a unique or foreign-key violation into the 400 it names', async () => {
    await expect(refusingRaces(failing('23505'), { unique: 'already there' })).rejects.toEqual(
      new InvalidRequestError('already there'),
    );
    await expect(refusingRaces(failing('23503'), { foreignKey: 'gone' })).rejects.toEqual(
      new InvalidRequestError('gone'),
    );
  });

  it('leaves other errors, and violations it names no message for, alone', async () => {
    await expect(refusingRaces(failing('23503'), { unique: 'u' })).rejects.toThrow('sqlstate 23503');
    await expect(refusingRaces(failing('40001'), { unique: 'u', foreignKey: 'f' })).rejects.toThrow('sqlstate 40001');
  });
});
