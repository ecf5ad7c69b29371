import type { GroupInput } from '../graphql/generated/operations.js';
/** A group as the RestGroup fragment selects it (placeCount is resolved by topology). */
export interface GraphqlGroup {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly isInternal: boolean;
  readonly organizationId: number;
  readonly organization: { readonly name: string };
  readonly userCount: number;
  readonly placeCount: number;
}

export interface RestGroup {
  name: string;
  description: string;
  id: number;
  organization_id: number;
  organization_name: string;
  is_internal: boolean;
  user_count: number;
  place_count: number;
}

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
