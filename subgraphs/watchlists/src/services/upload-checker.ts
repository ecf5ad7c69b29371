import type { ScopedUploadCatalog, Viewer } from '@argus/core';

/**
 * Checks upload ids. Services pass the caller: a scoped catalog (core's ScopedUploadCatalog) then counts
 * only uploads of the caller's organization; a plain UploadCatalog ignores it.
 */
export type UploadChecker = Pick<ScopedUploadCatalog, 'exists'>;

/**
 * The caller as an upload check sees it when the upload is to belong to an object of an organization:
 * limited to that organization's uploads, for superusers too (whose own scope is every organization).
 */
export function actingIn(viewer: Viewer, organizationId: number): Viewer {
  return { ...viewer, isSuperuser: false, organizationId };
}
