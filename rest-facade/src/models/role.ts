import type { RestRoleFragment, RoleInput } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A role as the RestRole fragment selects it. */
export type GraphqlRole = RestRoleFragment;

export type RestRole = RestSchema<'Role'>;

export function toRestRole(role: GraphqlRole): RestRole {
  return { name: role.name, description: role.description, id: role.id, is_internal: role.isInternal };
}

/** REST RoleCreate / RoleUpdate body → GraphQL RoleInput. */
export function toRoleInput(body: { name: string; description: string }): RoleInput {
  return { name: body.name, description: body.description };
}
