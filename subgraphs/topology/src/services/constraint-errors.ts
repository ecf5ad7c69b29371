import { InvalidRequestError, isForeignKeyViolation, isUniqueViolation } from '@argus/core';

/**
 * Runs a write whose checks a concurrent request may have overtaken (two requests adding the same
 * place to groups, a camera created on a place being deleted…): PostgreSQL's refusal becomes the
 * 400 the checks would have given, instead of an internal error.
 */
export async function refusingRaces<T>(
  write: () => Promise<T>,
  messages: { unique?: string; foreignKey?: string },
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (messages.unique && isUniqueViolation(error)) throw new InvalidRequestError(messages.unique);
    if (messages.foreignKey && isForeignKeyViolation(error)) throw new InvalidRequestError(messages.foreignKey);
    throw error;
  }
}
