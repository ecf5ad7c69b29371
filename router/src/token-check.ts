import { pgliteOf, RemoteAuthenticator, type Authenticator, type Database, type Logger } from '@argus/core';
import type { RouterConfig } from './config.js';
import { FeedAuthenticator } from './feed-authenticator.js';
import { ViewerCache } from './viewer-cache.js';
import { pgliteViewerFeed, postgresViewerFeed, type ViewerFeed } from './viewer-feed.js';
import type { ViewerChange } from './viewer-changes.js';
import { relayedViewerFeed, type RelayPort } from './viewer-relay.js';

export interface TokenCheckSource {
  /** identity's /internal/introspect */
  readonly introspectUrl: string;
  /** identity's database in this process (all-in-one): PGlite's notices reach the router in-process */
  readonly database?: Database;
  /** the PostgreSQL server identity writes to, when it is not DATABASE_URL */
  readonly databaseUrl?: string;
  /** identity's notices relayed by the process that owns the embedded database (router in a worker process) */
  readonly relay?: RelayPort;
}

export interface TokenCheck {
  readonly authenticator: Authenticator;
  /** identity's change feed, when the router listens to one (started and stopped with the router) */
  readonly feed?: ViewerFeed;
  /** calls a listener on every change the feed announces (and when it is lost) */
  readonly onChange?: (listener: (change: ViewerChange) => void) => void;
}

/**
 * Asking identity about every token; with ROUTER_VIEWER_CACHE on and identity's change feed within
 * reach (the embedded database in this process, its notices relayed by the process that owns it,
 * or a PostgreSQL server), its answers are cached and kept current by that feed.
 */
export function tokenCheck(config: RouterConfig, source: TokenCheckSource, logger: Logger): TokenCheck {
  const identity = new RemoteAuthenticator(source.introspectUrl, config.internalKey);
  if (!config.viewerCache) return { authenticator: identity };
  const cache = new ViewerCache();
  const pglite = source.database ? pgliteOf(source.database) : undefined;
  const url = source.databaseUrl ?? config.database.url;
  const feed = pglite
    ? pgliteViewerFeed(pglite, cache)
    : source.relay
      ? relayedViewerFeed(source.relay, cache)
      : url
        ? postgresViewerFeed(url, cache, logger)
        : undefined;
  if (!feed) return { authenticator: identity };
  return {
    authenticator: new FeedAuthenticator(identity, config.tokenSigningKey, cache, feed),
    feed,
    onChange: (listener) => cache.onChange(listener),
  };
}
