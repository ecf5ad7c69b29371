import type { TypedOperationSpecs } from '../graphql/types.js';
import { toOrionIntegrationInput, toRestOrionConfig, toRestOrionInfo } from '../models/orion.js';

/** 10.x: the caller's organization (the spec has no organization_id); GraphQL lets superusers name another. */
export const orionOperations = {
  getOrionInfo: { field: 'orionServiceInfo', toRest: toRestOrionInfo },
  updateOrionConfig: {
    field: 'configureOrionIntegration',
    variables: (r) => ({ input: toOrionIntegrationInput(r.body) }),
    toRest: toRestOrionConfig,
  },
} satisfies TypedOperationSpecs;
