import type * as Topology from '@argus/topology';

/** Ids of the stand-in plan images (see planImage in topology-fixtures.ts). */
export const STAND_IN_PREFIX = 'plan-image-';

/**
 * For `vi.mock('@argus/topology', …)`: when the stack gives topology no uploads catalog (the
 * media part's uploads are not wired into it yet), plan images are the ids planImage() makes
 * up; a catalog the stack does give is used as it is. This module imports no values, so the
 * mock factory can load it while @argus/topology is being mocked.
 */
export function withStandInPlanImages(topology: typeof Topology): typeof Topology {
  const standIn = { exists: async (id: string, kind: string) => kind === 'plan' && id.startsWith(STAND_IN_PREFIX) };
  return { ...topology, buildApp: (config, deps = {}) => topology.buildApp(config, { ...deps, uploads: deps.uploads ?? standIn }) };
}
