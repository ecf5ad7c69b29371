import type { Viewer } from '@argus/core';
import type { Visibility } from '../repositories/visibility.js';

export type { Visibility };

/**
 * What the caller sees: a superuser every organization; anyone else their own organization,
 * and, when they belong to groups, only the places of those groups and the plans and cameras on them.
 */
export function visibilityOf(viewer: Viewer): Visibility {
  if (viewer.isSuperuser) return {};
  return viewer.groupIds.length > 0
    ? { organizationId: viewer.organizationId, groupIds: viewer.groupIds }
    : { organizationId: viewer.organizationId };
}
