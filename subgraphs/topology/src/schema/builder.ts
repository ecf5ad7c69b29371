import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import { defineCommonTypes, type Connection, type RequestContext } from '@argus/core';
import type { ObjectRef } from '@pothos/core';
import type { TopologyLoaders } from '../loaders.js';
import type { TopologyServices } from '../services/index.js';

export interface TopologyContext extends RequestContext {
  readonly services: TopologyServices;
  readonly loaders: TopologyLoaders;
}

export const builder = new SchemaBuilder<{
  Context: TopologyContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ErrorsPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
  errors: { directResult: true },
});

builder.queryType({});
builder.mutationType({});

export const common = defineCommonTypes(builder);

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** `<Name>Connection { nodes, pageInfo }` for a node type (a thunk: type files import each other). */
export function connectionOf<T>(name: string, node: () => ObjectRef<Types, T>) {
  return builder.objectRef<Connection<T>>(name).implement({
    fields: (t) => ({
      nodes: t.field({ type: [node()], resolve: (c) => c.nodes }),
      pageInfo: t.field({ type: common.PageInfo, resolve: (c) => c.pageInfo }),
    }),
  });
}
