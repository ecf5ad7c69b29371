import argon2 from 'argon2';
import { InputValidationError } from '@argus/core';

/** argon2id with the library's defaults (64 MiB, 3 passes). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when a user does not exist keeps login timing alike for both cases. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('argus-timing-equaliser');
  return dummyHash;
}

/**
 * The policy of every new or changed password (never of a sign-in): at least `minLength`
 * characters (PASSWORD_MIN_LENGTH) and at most 128. Refused as bad input on `field`.
 */
export function checkNewPassword(password: string, minLength: number, field: string[]): void {
  if ([...password].length < minLength) {
    const message = `ensure this value has at least ${minLength} characters`;
    throw new InputValidationError(message, field, 'too_short', { limit: minLength });
  }
  if (password.length > 128) {
    const message = 'ensure this value has at most 128 characters';
    throw new InputValidationError(message, field, 'too_long', { limit: 128 });
  }
}
