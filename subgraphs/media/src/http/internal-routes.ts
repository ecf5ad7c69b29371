import { internalRoute, UPLOAD_KINDS, type Route, type UploadKind } from '@argus/core';
import type { UploadService } from '../services/upload.service.js';
import { toUploadRecord } from './rest-upload.js';

/** Body of /internal/uploads/exists: is `uploadId` an upload of `kind` (in `organizationId`, when given)? */
export interface UploadExistsRequest {
  readonly uploadId: string;
  readonly kind: UploadKind;
  readonly organizationId?: number | null;
}

/** Body of /internal/uploads/lookup: the uploads of these ids (in `organizationId`, when given). */
export interface UploadLookupRequest {
  readonly ids: readonly string[];
  readonly organizationId?: number | null;
}

const MAX_LOOKUP = 1000;

/** Endpoints only other Argus parts call (signed with the internal key): the uploads catalog. */
export function internalUploadRoutes(uploads: UploadService, internalKey: string): Record<string, Route> {
  return {
    '/internal/uploads/exists': internalRoute<UploadExistsRequest>(internalKey, async (body) => ({
      exists:
        typeof body.uploadId === 'string' &&
        UPLOAD_KINDS.includes(body.kind) &&
        (await uploads.exists(body.uploadId, body.kind, body.organizationId ?? undefined)),
    })),
    '/internal/uploads/lookup': internalRoute<UploadLookupRequest>(internalKey, async (body) => {
      const ids = Array.isArray(body.ids)
        ? body.ids.filter((id): id is string => typeof id === 'string').slice(0, MAX_LOOKUP)
        : [];
      return { uploads: (await uploads.lookup(ids, body.organizationId ?? undefined)).map(toUploadRecord) };
    }),
  };
}
