import { createHmac, timingSafeEqual } from 'node:crypto';
import { UnauthenticatedError } from '../errors.js';
import type { Viewer } from './viewer.js';

/** Turns a bearer token into the caller, refusing expired or revoked tokens. */
export interface Authenticator {
  authenticate(token: string, clientIp?: string): Promise<Viewer>;
}

/**
 * Header proving a call comes from another Argus part: `<epoch seconds>.<HMAC of time and body>`.
 * The time bounds a captured call's replay to INTERNAL_SIGNATURE_MAX_AGE_SECONDS.
 */
export const INTERNAL_SIGNATURE_HEADER = 'x-argus-internal';
export const INTERNAL_SIGNATURE_MAX_AGE_SECONDS = 60;

function internalMac(time: string, body: string, key: string): string {
  return createHmac('sha256', key).update(`internal:${time}:${body}`).digest('base64url');
}

export function internalSignature(body: string, key: string, now = Date.now()): string {
  const time = String(Math.floor(now / 1000));
  return `${time}.${internalMac(time, body, key)}`;
}

/** Whether a signature header is well-signed over this body and fresh (compared in constant time). */
export function verifyInternalSignature(header: string, body: string, key: string, now = Date.now()): boolean {
  const [time, mac, extra] = header.split('.');
  if (!time || !mac || extra !== undefined || !/^\d{1,12}$/.test(time)) return false;
  if (Math.abs(now / 1000 - Number(time)) > INTERNAL_SIGNATURE_MAX_AGE_SECONDS) return false;
  const expected = Buffer.from(internalMac(time, body, key));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Asks the identity part (its /internal/introspect endpoint) on every call: revocation applies at once. */
export class RemoteAuthenticator implements Authenticator {
  constructor(
    private readonly introspectUrl: string,
    private readonly internalKey: string,
  ) {}

  async authenticate(token: string, clientIp?: string): Promise<Viewer> {
    const body = JSON.stringify({ token, clientIp });
    const response = await fetch(this.introspectUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_SIGNATURE_HEADER]: internalSignature(body, this.internalKey),
      },
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
