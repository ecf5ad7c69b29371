import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestList } from '../models/pagination.js';
import { toRestRole, toRoleInput } from '../models/role.js';
import { toRestStatusOk } from '../models/status-ok.js';
import { toRestUser } from '../models/user.js';
import { byId } from './operation.js';

/** 16.x */
export const roleOperations = {
  listRoles: { field: 'roles', toRest: (roles) => toRestList('roles', roles, toRestRole) },
  createRole: { field: 'createRole', variables: (r) => ({ input: toRoleInput(r.body) }), toRest: toRestRole },
  getRole: { field: 'role', variables: byId('role_id'), notFound: 'Role not found', toRest: toRestRole },
  updateRole: {
    field: 'updateRole',
    variables: (r) => ({ id: r.params.role_id, input: toRoleInput(r.body) }),
    toRest: toRestRole,
  },
  deleteRole: { field: 'deleteRole', variables: byId('role_id'), toRest: toRestStatusOk },
  listRoleMembers: {
    field: 'roleMembers',
    variables: (r) => ({ roleId: r.params.role_id }),
    notFound: 'Role not found',
    toRest: (members) => toRestList('members', members, toRestUser),
  },
  listRolePermissions: {
    field: 'rolePermissions',
    variables: (r) => ({ roleId: r.params.role_id }),
    notFound: 'Role not found',
    toRest: (permissions) => ({ permissions: [...permissions] }),
  },
} satisfies TypedOperationSpecs;
