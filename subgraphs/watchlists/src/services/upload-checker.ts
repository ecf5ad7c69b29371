import type { ScopedUploadCatalog } from '@argus/core';

/**
 * Checks upload ids. Services pass the caller: a scoped catalog (core's ScopedUploadCatalog) then counts
 * only uploads of the caller's organization; a plain UploadCatalog ignores it.
 */
export type UploadChecker = Pick<ScopedUploadCatalog, 'exists'>;
