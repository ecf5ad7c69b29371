import { verifyToken, type Authenticator, type Viewer } from '@argus/core';
import type { ViewerCache } from './viewer-cache.js';
import type { ViewerFeed } from './viewer-feed.js';

/**
 * The router's token check: the JWT's signature, kind and expiry verified here, the viewer behind
 * it from the cache while identity's change feed keeps that current, otherwise (first use of a
 * token, feed down or not yet proven current) from identity, whose answer is cached for the next
 * requests (only an answer for the token's own id and user is kept or used). A revoked token, or a viewer whose user, role or group changed, is dropped from the
 * cache by the change's notice.
 */
export class FeedAuthenticator implements Authenticator {
  constructor(
    private readonly identity: Authenticator,
    private readonly signingKey: string,
    private readonly cache: ViewerCache,
    private readonly feed: ViewerFeed,
  ) {}

  async authenticate(token: string, clientIp?: string): Promise<Viewer> {
    const claims = await verifyToken(token, this.signingKey, 'access');
    if (!this.feed.current()) return this.identity.authenticate(token, clientIp);
    const cached = this.cache.get(claims.jti);
    if (cached && String(cached.userId) === claims.sub)
      return clientIp === undefined ? cached : { ...cached, clientIp };
    const mark = this.cache.mark();
    const viewer = await this.identity.authenticate(token, clientIp);
    if (viewer.tokenId === claims.jti && String(viewer.userId) === claims.sub) {
      const { clientIp: _ip, ...kept } = viewer;
      this.cache.set(claims.jti, kept, claims.exp * 1000, mark);
    }
    return viewer;
  }
}
