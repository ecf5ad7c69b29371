import { createHmac } from 'node:crypto';
import { UnauthenticatedError } from '../errors.js';
import type { Viewer } from './viewer.js';

/** Turns a bearer token into the caller, refusing expired or revoked tokens. */
export interface Authenticator {
  authenticate(token: string, clientIp?: string): Promise<Viewer>;
}

/** Header carrying an HMAC of the request body, proving a call comes from another Argus part. */
export const INTERNAL_SIGNATURE_HEADER = 'x-argus-internal';

export function internalSignature(body: string, key: string): string {
  return createHmac('sha256', key).update(`internal:${body}`).digest('base64url');
}

/** Asks the identity part (its /internal/introspect endpoint) on every call: revocation applies at once. */
export class RemoteAuthenticator implements Authenticator {
  constructor(private readonly introspectUrl: string, private readonly internalKey: string) {}

  async authenticate(token: string, clientIp?: string): Promise<Viewer> {
    const body = JSON.stringify({ token, clientIp });
    const response = await fetch(this.introspectUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_SIGNATURE_HEADER]: internalSignature(body, this.internalKey) },
      body,
    });
    if (response.status === 401) {
      const { detail } = (await response.json()) as { detail?: string };
      throw new UnauthenticatedError(detail ?? 'Invalid token');
    }
    if (!response.ok) throw new Error(`Token introspection failed with HTTP ${response.status}`);
    return (await response.json()) as Viewer;
  }
}
