import type { Permission, ProfileInput, RestUserFragment, UserInput } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';
/** A user as the RestUser fragment selects it; `/users/me` (getCurrentUser) adds what the user may do. */
export type GraphqlUser = RestUserFragment & { readonly permissions?: readonly Permission[] };

export type RestUser = RestSchema<'User'>;

export function toRestUser(user: GraphqlUser): RestUser {
  return {
    first_name: user.firstName,
    last_name: user.lastName,
    avatar_id: user.avatarId ?? null,
    email: user.email,
    id: user.id,
    organization_id: user.organizationId,
    organization_name: user.organization.name,
    avatar_url: user.avatarUrl ?? null,
    groups: user.groups.map((g) => ({ id: g.id, name: g.name })),
    is_superuser: user.isSuperuser,
    role_id: user.roleId,
  };
}

/** `/users/me` (26.3) adds what the user may do. */
export function toRestUserMe(user: GraphqlUser): RestSchema<'UserMe'> {
  return { ...toRestUser(user), permissions: [...(user.permissions ?? [])] };
}

/** REST UserCreate / UserUpdate body → GraphQL UserInput. */
export function toUserInput(body: RestSchema<'UserCreate'> | RestSchema<'UserUpdate'>): UserInput {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    avatarId: body.avatar_id ?? null,
    email: body.email,
    password: body.password ?? null,
    groupIds: body.group_ids,
    roleId: body.role_id,
  };
}

/** REST UserMeUpdate body → GraphQL ProfileInput. */
export function toProfileInput(body: {
  first_name: string;
  last_name: string;
  avatar_id?: string | null;
}): ProfileInput {
  return { firstName: body.first_name, lastName: body.last_name, avatarId: body.avatar_id ?? null };
}
