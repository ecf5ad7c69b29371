import { describe, expect, it } from 'vitest';
import { isUuidInput, toCanonicalUuid } from './uuid-input.js';

const ID = '5c1b0c8e-93a4-4f0e-9d1e-0a2b3c4d5e6f';

describe('UUIDs as FastAPI reads them', () => {
  it.each([
    ID,
    ID.toUpperCase(),
    ID.replaceAll('-', ''),
    `{${ID}}`,
    `{{${ID}}}`,
    `urn:uuid:${ID}`,
    `uuid:${ID}`,
    `{urn:uuid:${ID}}`,
    '5c1b-0c8e93a44f0e9d1e0a2b3c4d5e6f',
  ])('takes %s', (value) => {
    expect(isUuidInput(value)).toBe(true);
    expect(toCanonicalUuid(value)).toBe(ID);
  });

  it.each([
    '',
    'nope',
    `${ID}0`,
    ID.slice(0, -1),
    `${ID.slice(0, -1)}g`,
    `URN:UUID:${ID}`,
    `[${ID}]`,
    ` ${ID}`,
    `${ID}\n`,
    `-{${ID}}`,
    `${ID.slice(0, 8)}_${ID.slice(9)}`,
  ])('refuses %j', (value) => {
    expect(isUuidInput(value)).toBe(false);
    expect(toCanonicalUuid(value)).toBe(value);
  });
});
