import SchemaBuilder, { type ObjectRef } from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import { defineCommonTypes } from './common-types.js';
import type { Connection } from './pothos.js';

/** The Pothos types every subgraph shares; only the context differs. */
export type SubgraphTypes<Context extends object> = {
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
};

/**
 * A subgraph's schema builder: the plugins (typed errors as direct results, dataloaders,
 * federation), the shared types and `connectionOf`, for its own context type.
 */
export function createSubgraphBuilder<Context extends object>() {
  const builder = new SchemaBuilder<SubgraphTypes<Context>>({
    plugins: [ErrorsPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
    errors: { directResult: true },
  });
  builder.queryType({});
  builder.mutationType({});
  const common = defineCommonTypes(builder);
  type Types = PothosSchemaTypes.ExtendDefaultTypes<SubgraphTypes<Context>>;

  /** `<Name>Connection { nodes, pageInfo }` for a node type (a thunk: type files import each other). */
  function connectionOf<T>(name: string, node: () => ObjectRef<Types, T>) {
    return builder.objectRef<Connection<T>>(name).implement({
      fields: (t) => ({
        nodes: t.field({ type: [node()], resolve: (c) => c.nodes }),
        pageInfo: t.field({ type: common.PageInfo, resolve: (c) => c.pageInfo }),
      }),
    });
  }

  return { builder, common, connectionOf };
}
