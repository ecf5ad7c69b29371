import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';

/** The federation SDL of a subgraph schema, as its `_service { sdl }` field answers it. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema);
}
