import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { UnauthenticatedError } from '../errors.js';

export type TokenKind = 'access' | 'refresh';

export interface TokenClaims {
  /** token id */
  jti: string;
  /** user id */
  sub: string;
  kind: TokenKind;
  /** for access tokens: the refresh token they were issued with */
  sid?: string;
  exp: number;
  iat: number;
}

const ISSUER = 'argus';

function keyBytes(signingKey: string): Uint8Array {
  return new TextEncoder().encode(signingKey);
}

export async function signToken(
  claims: Omit<TokenClaims, 'iat' | 'exp'>,
  lifetimeSeconds: number,
  signingKey: string,
): Promise<string> {
  const { jti, sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setJti(jti)
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + lifetimeSeconds)
    .sign(keyBytes(signingKey));
}

/** Verifies signature, issuer and expiry; throws UnauthenticatedError with a reason. */
export async function verifyToken(token: string, signingKey: string, kind?: TokenKind): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, keyBytes(signingKey), { issuer: ISSUER, algorithms: ['HS256'] });
    const claims = payload as unknown as TokenClaims;
    if (
      typeof claims.jti !== 'string' ||
      typeof claims.sub !== 'string' ||
      (claims.kind !== 'access' && claims.kind !== 'refresh')
    ) {
      throw new UnauthenticatedError('Malformed token');
    }
    if (kind && claims.kind !== kind) throw new UnauthenticatedError(`Not an ${kind} token`);
    return claims;
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Token has expired');
    throw new UnauthenticatedError('Invalid token');
  }
}

export function bearerToken(authorization: string | null | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
