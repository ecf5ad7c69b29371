import type { Permission } from '@argus/core';
import { callerOf, startIdentityHarness, type Caller, type RoleName } from './identity-harness.js';
import { buildApp as buildWatchlists, watchlistsConfig } from '@argus/watchlists';
import type { UploadChecker } from '@argus/watchlists';

/**
 * Identity and watchlists on free ports over one test database, called over real HTTP with
 * tokens from identity's createToken, as the router would see them.
 */

export type { Caller, GraphqlResult, RoleName } from './identity-harness.js';

/**
 * A stand-in for the media part's uploads: face images are ids starting "face-image-", vehicle images
 * "vehicle-image-"; an id ending "@<organization id>" is an upload of that organization, which only its
 * members and superusers may use (as core's scoped catalog answers).
 */
export const testUploads: UploadChecker = {
  exists: async (id, kind, viewer) => {
    const owner = /@(\d+)$/.exec(id)?.[1];
    if (owner !== undefined && viewer && !viewer.isSuperuser && viewer.organizationId !== Number(owner)) return false;
    return (
      (kind === 'face_image' && id.startsWith('face-image-')) ||
      (kind === 'vehicle_image' && id.startsWith('vehicle-image-'))
    );
  },
};

export interface WatchlistsHarness {
  /** the first superuser */
  readonly admin: Caller;
  /** no token at all */
  readonly anonymous: Caller;
  /** SQL statements the watchlists part has run */
  readonly statements: { count: number };
  organization(): Promise<number>;
  /** a new role holding exactly these permissions */
  role(permissions: readonly Permission[]): Promise<number>;
  user(spec: { organizationId: number; role?: RoleName | number }): Promise<Caller>;
  stop(): Promise<void>;
}

export async function startWatchlists(uploads: UploadChecker = testUploads): Promise<WatchlistsHarness> {
  const identity = await startIdentityHarness('watchlists');
  const config = watchlistsConfig({ ...identity.env, WATCHLISTS_PORT: '0', IDENTITY_URL: identity.identityUrl });
  const watchlists = buildWatchlists(
    { ...config, database: { dataDir: 'memory://' } },
    { database: identity.counted, uploads },
  );
  const watchlistsUrl = (await watchlists.start()).url;

  const caller = (token: string) => callerOf(watchlistsUrl, identity, token);

  return {
    admin: caller(identity.adminToken),
    anonymous: caller(''),
    statements: identity.statements,
    organization: () => identity.organization(),
    role: (permissions: readonly Permission[]) => identity.role(permissions),
    user: async (spec) => caller((await identity.user(spec)).token),
    async stop() {
      await watchlists.stop();
      await identity.stop();
    },
  };
}
