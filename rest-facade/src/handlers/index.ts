import { auditLogOperations } from './audit-logs.js';
import { groupOperations } from './groups.js';
import { helloOperations } from './hello.js';
import type { OperationSpecs } from './operation.js';
import { organizationOperations } from './organizations.js';
import { permissionOperations } from './permissions.js';
import { roleOperations } from './roles.js';
import { tokenOperations } from './tokens.js';
import { userOperations } from './users.js';

/** Every operation the facade implements, by operationId; the others answer 501. */
export const IMPLEMENTED_OPERATIONS: OperationSpecs = {
  ...auditLogOperations,
  ...groupOperations,
  ...helloOperations,
  ...organizationOperations,
  ...permissionOperations,
  ...roleOperations,
  ...tokenOperations,
  ...userOperations,
};
