import type { CreateTokenMutation } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** The GraphQL TokenPair as the createToken and refreshToken documents select it. */
export type GraphqlTokenPair = CreateTokenMutation['createToken'];

/** The REST Token model (24.1, 24.2). */
export function toRestToken(pair: GraphqlTokenPair): RestSchema<'Token'> {
  return {
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    token_type: 'bearer',
    expires_in: pair.expiresIn,
  };
}

/** Form values arrive as strings, JSON values maybe not: only non-empty strings go on. */
export function formString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
