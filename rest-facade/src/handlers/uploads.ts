import type { TypedOperationSpecs } from '../graphql/types.js';
import { toRestUpload } from '../models/upload.js';
import { byId } from './operation.js';

/**
 * 25.2. The other upload operations (25.1 upload, 25.3 content, 25.4 face meta) carry files:
 * the facade streams them to the media part's HTTP endpoints (http/media-proxy.ts).
 */
export const uploadOperations = {
  getUpload: { field: 'upload', variables: byId('upload_id'), notFound: 'Upload not found', toRest: toRestUpload },
} satisfies TypedOperationSpecs;
