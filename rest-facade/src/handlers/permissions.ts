import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestStatusOk } from '../models/status-ok.js';

/** 11.x: grant and revoke one permission of a role */
export const permissionOperations = {
  createPermission: {
    field: 'grantPermission',
    variables: (r) => ({ roleId: r.body.role_id, permission: r.body.permission }),
    toRest: toRestStatusOk,
  },
  deletePermission: {
    field: 'revokePermission',
    variables: (r) => ({ roleId: r.body.role_id, permission: r.body.permission }),
    toRest: toRestStatusOk,
  },
} satisfies TypedOperationSpecs;
