import type { RoleInput } from '../graphql/generated/operations.js';
/** A role as the RestRole fragment selects it. */
export interface GraphqlRole {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly isInternal: boolean;
}

export interface RestRole {
  name: string;
  description: string;
  id: number;
  is_internal: boolean;
}

export function toRestRole(role: GraphqlRole): RestRole {
  return { name: role.name, description: role.description, id: role.id, is_internal: role.isInternal };
}

/** REST RoleCreate / RoleUpdate body → GraphQL RoleInput. */
export function toRoleInput(body: { name: string; description: string }): RoleInput {
  return { name: body.name, description: body.description };
}
