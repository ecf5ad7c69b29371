/** The GraphQL TokenPair. */
export interface GraphqlTokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: string;
  readonly expiresIn: number;
}

/** The REST Token model (24.1, 24.2). */
export function toRestToken(pair: GraphqlTokenPair): {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
} {
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
