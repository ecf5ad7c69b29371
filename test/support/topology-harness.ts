import type { UploadCatalog } from '@argus/core';
import { callerOf, startIdentityHarness, type Caller, type RoleName } from './identity-harness.js';
import { buildApp as buildTopology, topologyConfig } from '@argus/topology';

/**
 * Identity and topology on free ports over one test database, called over real HTTP with
 * tokens from identity's createToken, as the router would see them.
 */

export type { Caller, GraphqlResult, RoleName } from './identity-harness.js';

/** A stand-in for the media part's uploads: plan images are the ids starting with "plan-image-". */
export const testUploads: UploadCatalog = {
  exists: async (id, kind) => kind === 'plan' && id.startsWith('plan-image-'),
};

export interface TopologyHarness {
  readonly admin: Caller;
  /** SQL statements the topology part has run */
  readonly statements: { count: number };
  organization(): Promise<number>;
  group(organizationId: number): Promise<number>;
  user(spec: { organizationId: number; role?: RoleName; groupId?: number }): Promise<Caller>;
  stop(): Promise<void>;
}

export async function startTopology(uploads: UploadCatalog = testUploads): Promise<TopologyHarness> {
  const identity = await startIdentityHarness('topology');
  const config = topologyConfig({ ...identity.env, TOPOLOGY_PORT: '0', IDENTITY_URL: identity.identityUrl });
  const topology = buildTopology(
    { ...config, database: { dataDir: 'memory://' } },
    { database: identity.counted, uploads },
  );
  const topologyUrl = (await topology.start()).url;

  const caller = (token: string) => callerOf(topologyUrl, identity, token);

  return {
    admin: caller(identity.adminToken),
    statements: identity.statements,
    organization: () => identity.organization(),
    group: (organizationId) => identity.group(organizationId),
    user: async (spec) => caller((await identity.user(spec)).token),
    async stop() {
      await topology.stop();
      await identity.stop();
    },
  };
}
