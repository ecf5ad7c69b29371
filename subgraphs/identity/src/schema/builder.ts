import { createSubgraphBuilder, type RequestContext } from '@argus/core';
import type { IdentityLoaders } from '../loaders.js';
import type { IdentityServices } from '../services/index.js';

export interface IdentityContext extends RequestContext {
  readonly services: IdentityServices;
  readonly loaders: IdentityLoaders;
}

export const { builder, common, connectionOf } = createSubgraphBuilder<IdentityContext>();
