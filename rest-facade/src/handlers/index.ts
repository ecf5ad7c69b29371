import { auditLogOperations } from './audit-logs.js';
import { cameraOperations } from './cameras.js';
import { groupPlaceOperations } from './group-places.js';
import { groupOperations } from './groups.js';
import { helloOperations } from './hello.js';
import type { OperationSpecs } from './operation.js';
import { organizationOperations } from './organizations.js';
import { permissionOperations } from './permissions.js';
import { placeOperations } from './places.js';
import { planOperations } from './plans.js';
import { roleOperations } from './roles.js';
import { statsOperations } from './stats.js';
import { tokenOperations } from './tokens.js';
import { userOperations } from './users.js';

/** Every operation the facade implements, by operationId; the others answer 501. */
export const IMPLEMENTED_OPERATIONS: OperationSpecs = {
  ...auditLogOperations,
  ...cameraOperations,
  ...groupPlaceOperations,
  ...groupOperations,
  ...helloOperations,
  ...organizationOperations,
  ...permissionOperations,
  ...placeOperations,
  ...planOperations,
  ...roleOperations,
  ...statsOperations,
  ...tokenOperations,
  ...userOperations,
};
