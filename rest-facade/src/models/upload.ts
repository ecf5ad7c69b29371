/** An upload as getUpload.graphql selects it. */
export interface GraphqlUpload {
  readonly id: string;
  /** the GraphQL enum: AVATAR, FACE_IMAGE, … */
  readonly kind: string;
  readonly mimeType: string;
  readonly originalId?: string | null;
  readonly createdAt: string;
  /** where 25.3 serves the content: /api/v1/uploads/{id}/content */
  readonly url: string;
  readonly meta?: GraphqlUploadMeta | null;
}

export interface GraphqlUploadMeta {
  readonly detection?: {
    readonly rect: { readonly xMin: number; readonly yMin: number; readonly xMax: number; readonly yMax: number };
    readonly landmarks: readonly { readonly x: number; readonly y: number }[];
    readonly score?: number | null;
  } | null;
  readonly descriptor?: { readonly data: string; readonly norm: number; readonly version?: string | null } | null;
}

/** The REST UploadMeta model: where the face is and its descriptor (score and version when known). */
export interface RestUploadMeta {
  detection: {
    rect: { x_min: number; y_min: number; x_max: number; y_max: number };
    landmarks: { x: number; y: number }[];
    score?: number;
  } | null;
  descriptor: { data: string; norm: number; version?: string } | null;
}

/** The REST Upload model (25.1, 25.2). */
export interface RestUpload {
  mime_type: string;
  kind: string;
  original_id: string | null;
  id: string;
  created_at: string;
  url: string | null;
  meta: RestUploadMeta | null;
}

/**
 * The same body as the media part's POST /uploads answer for that upload (rest-upload.ts there):
 * `url` is where 25.3 serves the content, the face meta in snake case, `score` and `version`
 * only when the analyzer gave them.
 */
export function toRestUpload(upload: GraphqlUpload): RestUpload {
  return {
    mime_type: upload.mimeType,
    kind: upload.kind.toLowerCase(),
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
