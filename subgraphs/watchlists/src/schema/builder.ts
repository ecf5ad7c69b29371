import { createSubgraphBuilder, type RequestContext } from '@argus/core';
import type { WatchlistsLoaders } from '../loaders.js';
import type { WatchlistsServices } from '../services/index.js';

export interface WatchlistsContext extends RequestContext {
  readonly services: WatchlistsServices;
  readonly loaders: WatchlistsLoaders;
}

export const { builder, common, connectionOf } = createSubgraphBuilder<WatchlistsContext>();
