import SchemaBuilder, { type ObjectRef } from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Viewer } from '../auth/viewer.js';
import { UnauthenticatedError } from '../errors.js';
import { defineCommonTypes } from './common-types.js';
import type { Connection } from './pothos.js';

/**
 * What resolvers see: the caller is always there. The root types (Query, Mutation, Subscription)
 * require a signed-in caller (scope `signedIn`) before any of their fields runs, so nothing under
 * them can be reached without one; only fields marked `skipTypeScopes` (sign-in) run for an
 * anonymous caller, and those do not read `viewer`.
 */
export type SignedIn<Context extends { viewer?: Viewer }> = Omit<Context, 'viewer'> & { readonly viewer: Viewer };

/** Options of a root type whose every field needs a signed-in caller (a subgraph with subscriptions declares its type with them). */
export const SIGNED_IN_ONLY = { authScopes: { signedIn: true } } as const;

/** The Pothos types every subgraph shares; only the context differs. */
export type SubgraphTypes<Context extends { viewer?: Viewer }> = {
  Context: SignedIn<Context>;
  AuthScopes: { signedIn: boolean };
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
export function createSubgraphBuilder<Context extends { viewer?: Viewer }>() {
  const builder = new SchemaBuilder<SubgraphTypes<Context>>({
    plugins: [ScopeAuthPlugin, ErrorsPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
    errors: { directResult: true },
    scopeAuth: {
      // the context's viewer is absent for an anonymous caller, whatever the resolvers' type says
      authScopes: (ctx) => ({ signedIn: (ctx as { viewer?: Viewer }).viewer !== undefined }),
      unauthorizedError: () => new UnauthenticatedError('Not authenticated'),
      authorizeOnSubscribe: true,
    },
  });
  builder.queryType(SIGNED_IN_ONLY);
  builder.mutationType(SIGNED_IN_ONLY);
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
