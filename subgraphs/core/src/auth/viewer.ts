import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Permission } from '../permissions.js';

/** The authenticated caller of a request, as every service sees it. */
export interface Viewer {
  readonly userId: number;
  readonly organizationId: number;
  readonly isSuperuser: boolean;
  readonly roleId: number;
  readonly permissions: readonly Permission[];
  readonly groupIds: readonly number[];
  /** The access token's id (jti), for logout/revocation of the current session. */
  readonly tokenId: string;
  /** Client address as seen by the outermost part (for the audit log). */
  readonly clientIp?: string;
}

/** Throws 401 without a caller, 403 without the permission; returns the caller. Superusers hold every permission. */
export function requirePermission(viewer: Viewer | undefined, permission: Permission): Viewer {
  if (!viewer) throw new UnauthenticatedError('Not authenticated');
  if (!viewer.isSuperuser && !viewer.permissions.includes(permission)) {
    throw new ForbiddenError(`Permission "${permission}" is required`);
  }
  return viewer;
}

/**
 * The caller with one more permission, for a part's own lookup on another part on the caller's
 * behalf (e.g. whether they see a camera): the other part still confines the answer to what the
 * caller may see, but does not refuse it for a permission the lookup is not the caller's use of.
 */
export function withPermission(viewer: Viewer, permission: Permission): Viewer {
  return viewer.permissions.includes(permission)
    ? viewer
    : { ...viewer, permissions: [...viewer.permissions, permission] };
}

export function requireViewer(viewer: Viewer | undefined): Viewer {
  if (!viewer) throw new UnauthenticatedError('Not authenticated');
  return viewer;
}

/**
 * The organization an operation acts in: superusers may name any organization,
 * everyone else acts in their own (naming another one is refused).
 */
export function scopeOrganization(viewer: Viewer, requested: number | null | undefined): number {
  if (requested === null || requested === undefined) return viewer.organizationId;
  if (viewer.isSuperuser || requested === viewer.organizationId) return requested;
  throw new ForbiddenError('Only a superuser may act in another organization');
}

/** True when the caller may see objects of this organization. */
export function canSeeOrganization(viewer: Viewer, organizationId: number): boolean {
  return viewer.isSuperuser || viewer.organizationId === organizationId;
}

/** True when the caller holds the permission (superusers hold every one). */
export function holdsPermission(viewer: Viewer, permission: Permission): boolean {
  return viewer.isSuperuser || viewer.permissions.includes(permission);
}

/**
 * An entity reference (`_entities`) as the caller may see it, by the rules of the part's own
 * queries: the row when the caller holds the permission and sees its organization, else null.
 * Throws 401 without a caller.
 */
export function visibleReference<T>(
  viewer: Viewer | undefined,
  permission: Permission,
  row: T | undefined,
  organizationOf: (row: T) => number,
): T | null {
  const caller = requireViewer(viewer);
  if (row === undefined || !holdsPermission(caller, permission) || !canSeeOrganization(caller, organizationOf(row)))
    return null;
  return row;
}
