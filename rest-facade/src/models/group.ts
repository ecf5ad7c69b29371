import type { GroupInput, RestGroupFragment } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A group as the RestGroup fragment selects it (placeCount is resolved by topology). */
export type GraphqlGroup = RestGroupFragment;

export type RestGroup = RestSchema<'Group'>;

export function toRestGroup(group: GraphqlGroup): RestGroup {
  return {
    name: group.name,
    description: group.description,
    id: group.id,
    organization_id: group.organizationId,
    organization_name: group.organization.name,
    is_internal: group.isInternal,
    user_count: group.userCount,
    place_count: group.placeCount,
  };
}

/** REST GroupCreate / GroupUpdate body → GraphQL GroupInput. */
export function toGroupInput(body: { name: string; description: string }): GroupInput {
  return { name: body.name, description: body.description };
}
