import type { RestUploadFragment } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** An upload as the RestUpload fragment selects it (`url`: where 25.3 serves the content). */
export type GraphqlUpload = RestUploadFragment;
export type GraphqlUploadMeta = NonNullable<RestUploadFragment['meta']>;

/** The REST UploadMeta model: where the face is and its descriptor (score and version when known). */
export type RestUploadMeta = RestSchema<'UploadMeta'>;

/** The REST Upload model (25.1, 25.2). */
export type RestUpload = RestSchema<'Upload'>;

/**
 * The same body as the media part's POST /uploads answer for that upload (rest-upload.ts there):
 * `url` is where 25.3 serves the content, the face meta in snake case, `score` and `version`
 * only when the analyzer gave them.
 */
export function toRestUpload(upload: GraphqlUpload): RestUpload {
  return {
    mime_type: upload.mimeType,
    kind: upload.kind.toLowerCase() as RestSchema<'UploadKind'>,
    original_id: upload.originalId ?? null,
    id: upload.id,
    created_at: upload.createdAt,
    url: upload.url,
    meta: upload.meta ? toRestUploadMeta(upload.meta) : null,
  };
}

export function toRestUploadMeta(meta: GraphqlUploadMeta): RestUploadMeta {
  const { detection, descriptor } = meta;
  return {
    detection: detection
      ? {
          rect: {
            x_min: detection.rect.xMin,
            y_min: detection.rect.yMin,
            x_max: detection.rect.xMax,
            y_max: detection.rect.yMax,
          },
          landmarks: detection.landmarks.map((p) => ({ x: p.x, y: p.y })),
          ...(detection.score != null ? { score: detection.score } : {}),
        }
      : null,
    descriptor: descriptor
      ? {
          data: descriptor.data,
          norm: descriptor.norm,
          ...(descriptor.version != null ? { version: descriptor.version } : {}),
        }
      : null,
  };
}
