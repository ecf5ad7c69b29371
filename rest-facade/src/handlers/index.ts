import { auditLogOperations } from './audit-logs.js';
import { cameraOperations } from './cameras.js';
import { eventOperations } from './events.js';
import { faceListOperations } from './face-lists.js';
import { faceOperations } from './faces.js';
import { groupPlaceOperations } from './group-places.js';
import { groupOperations } from './groups.js';
import { helloOperations } from './hello.js';
import { onvifOperations } from './onvif.js';
import type { OperationSpecs } from './operation.js';
import { registered } from '../graphql/types.js';
import { organizationOperations } from './organizations.js';
import { orionOperations } from './orion.js';
import { permissionOperations } from './permissions.js';
import { placeOperations } from './places.js';
import { planOperations } from './plans.js';
import { plateListOperations } from './plate-lists.js';
import { plateOperations } from './plates.js';
import { roleOperations } from './roles.js';
import { searchOperations } from './search.js';
import { segmentOperations } from './segments.js';
import { statsOperations } from './stats.js';
import { streamServerOperations } from './stream-servers.js';
import { streamOperations } from './streams.js';
import { streamStatusOperations } from './stream-statuses.js';
import { tokenOperations } from './tokens.js';
import { uploadOperations } from './uploads.js';
import { userOperations } from './users.js';
import { videoClipOperations } from './video-clips.js';

/** Every operation the facade implements, by operationId; the others answer 501. */
export const IMPLEMENTED_OPERATIONS: OperationSpecs = {
  ...registered(auditLogOperations),
  ...registered(cameraOperations),
  ...registered(eventOperations),
  ...registered(faceListOperations),
  ...registered(faceOperations),
  ...registered(groupPlaceOperations),
  ...registered(groupOperations),
  ...registered(helloOperations),
  ...onvifOperations,
  ...registered(organizationOperations),
  ...registered(orionOperations),
  ...registered(permissionOperations),
  ...registered(placeOperations),
  ...registered(planOperations),
  ...registered(plateListOperations),
  ...registered(plateOperations),
  ...registered(roleOperations),
  ...registered(searchOperations),
  ...registered(segmentOperations),
  ...registered(statsOperations),
  ...registered(streamServerOperations),
  ...registered(streamOperations),
  ...registered(streamStatusOperations),
  ...registered(tokenOperations),
  ...registered(uploadOperations),
  ...registered(userOperations),
  ...registered(videoClipOperations),
};
