import { describe, expect, it } from 'vitest';
import { INTERNAL_SIGNATURE_MAX_AGE_SECONDS, internalSignature, verifyInternalSignature } from './authenticator.js';

const KEY = 'internal-key-of-the-test';
const BODY = JSON.stringify({ token: 'abc' });

describe('internal call signatures', () => {
  it('accepts a fresh signature over the same body', () => {
    expect(verifyInternalSignature(internalSignature(BODY, KEY), BODY, KEY)).toBe(true);
  });

  it('refuses another body, another key, a tampered or malformed header', () => {
    const signature = internalSignature(BODY, KEY);
    expect(verifyInternalSignature(signature, `${BODY} `, KEY)).toBe(false);
    expect(verifyInternalSignature(signature, BODY, 'another-key')).toBe(false);
    expect(verifyInternalSignature(`${signature}x`, BODY, KEY)).toBe(false);
    const [time, mac] = signature.split('.');
    expect(verifyInternalSignature(`${Number(time) + 1}.${mac}`, BODY, KEY)).toBe(false);
    for (const header of ['', '.', 'abc', `${time}.`, `.${mac}`, `${signature}.extra`, `1e3.${mac}`]) {
      expect(verifyInternalSignature(header, BODY, KEY)).toBe(false);
    }
  });

  it('refuses a captured call replayed after the window, and one dated in the future', () => {
    const now = Date.now();
    const window = INTERNAL_SIGNATURE_MAX_AGE_SECONDS * 1000;
    const old = internalSignature(BODY, KEY, now - window - 2_000);
    const future = internalSignature(BODY, KEY, now + window + 2_000);
    expect(verifyInternalSignature(old, BODY, KEY, now)).toBe(false);
    expect(verifyInternalSignature(future, BODY, KEY, now)).toBe(false);
    expect(verifyInternalSignature(internalSignature(BODY, KEY, now - window + 2_000), BODY, KEY, now)).toBe(true);
  });
});
