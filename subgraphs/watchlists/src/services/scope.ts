import { InvalidRequestError, type Viewer } from '@argus/core';
import type { Scope } from '../repositories/scope.js';
import type { IdentityDirectory } from './identity-directory.js';

export type { Scope };

/** What the caller sees: a superuser every organization, anyone else their own. */
export function scopeOf(viewer: Viewer): Scope {
  return viewer.isSuperuser ? {} : { organizationId: viewer.organizationId };
}

/**
 * The organization a new face, plate or list goes to: the caller's, or one a superuser names
 * (it must exist). Anyone else naming an organization is refused.
 */
export async function targetOrganization(
  viewer: Viewer,
  requested: number | null | undefined,
  identity: IdentityDirectory,
): Promise<number> {
  if (requested === null || requested === undefined) return viewer.organizationId;
  if (!viewer.isSuperuser) throw new InvalidRequestError('Organization was provided despite the user is not superuser');
  if (!(await identity.organizationExists(viewer, requested)))
    throw new InvalidRequestError('Provided organization does not exist');
  return requested;
}
