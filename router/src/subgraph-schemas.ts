import type { GraphQLSchema } from 'graphql';
import { printSubgraphSdl } from '@argus/core';
import { buildSchema as identitySchema } from '@argus/identity';
import { buildSchema as mediaSchema } from '@argus/media';
import { buildSchema as topologySchema } from '@argus/topology';
import { buildSchema as watchlistsSchema } from '@argus/watchlists';
import { composeSupergraph } from './compose.js';

/** Every subgraph, by its name in the supergraph (composition order). */
export const SUBGRAPH_SCHEMAS: readonly { name: string; build: () => GraphQLSchema }[] = [
  { name: 'identity', build: identitySchema },
  { name: 'topology', build: topologySchema },
  { name: 'watchlists', build: watchlistsSchema },
  { name: 'media', build: mediaSchema },
];

/** Each subgraph's federation SDL and the supergraph composed from them, straight from the code. */
export function schemasFromCode(): { subgraphs: { name: string; sdl: string }[]; supergraph: string } {
  const subgraphs = SUBGRAPH_SCHEMAS.map(({ name, build }) => ({ name, sdl: printSubgraphSdl(build()) }));
  const supergraph = composeSupergraph(subgraphs.map((s) => ({ ...s, url: `http://${s.name}/graphql` })));
  return { subgraphs, supergraph };
}
