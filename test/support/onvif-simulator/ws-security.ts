import { createHash, timingSafeEqual } from 'node:crypto';
import type { OnvifSimulatorState } from './simulator-state.js';
import { at, notAuthorized, text, type XmlNode } from './soap-xml.js';

/** How far a token's Created may be from the device's clock. */
const MAX_CLOCK_DIFFERENCE_MS = 30_000;

/**
 * WS-Security UsernameToken check, as ONVIF devices do it: PasswordDigest =
 * base64(SHA-1(nonce + created + password)) for a known user, with Created close to the device's
 * own clock (host clock + clockSkewMs). Anything else is ter:NotAuthorized.
 */
export function authenticate(header: unknown, state: OnvifSimulatorState): void {
  const token = at(header, 'Security', 'UsernameToken') as XmlNode | undefined;
  if (!token) throw notAuthorized();
  const username = text(at(token, 'Username'));
  const user = state.users.find((u) => u.username === username);
  const passwordNode = at(token, 'Password');
  const given = text(passwordNode) ?? '';
  const type = String(at(passwordNode, '@_Type') ?? '');
  if (!user) throw notAuthorized();
  if (type.endsWith('#PasswordText')) {
    if (given !== user.password) throw notAuthorized();
    return;
  }
  const nonce = Buffer.from(text(at(token, 'Nonce')) ?? '', 'base64');
  const created = text(at(token, 'Created')) ?? '';
  const createdMs = Date.parse(created);
  if (!Number.isFinite(createdMs) || Math.abs(createdMs - (Date.now() + state.clockSkewMs)) > MAX_CLOCK_DIFFERENCE_MS)
    throw notAuthorized();
  const expected = createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created), Buffer.from(user.password, 'utf8')]))
    .digest();
  const actual = Buffer.from(given, 'base64');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw notAuthorized();
}
