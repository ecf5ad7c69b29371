import { createSubgraphBuilder, type RequestContext } from '@argus/core';
import type { TopologyLoaders } from '../loaders.js';
import type { TopologyServices } from '../services/index.js';

export interface TopologyContext extends RequestContext {
  readonly services: TopologyServices;
  readonly loaders: TopologyLoaders;
}

export const { builder, common, connectionOf } = createSubgraphBuilder<TopologyContext>();
