import type { ColumnType, Kysely } from 'kysely';
import type { UploadKind } from '@argus/core';
import type { FaceMeta } from './services/face-meta.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column: objects come back parsed, go in as JSON text. */
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface UploadTable {
  id: string;
  organization_id: number;
  kind: UploadKind;
  mime_type: string;
  size: number;
  /** hex digest of the content (the ETag) */
  sha256: string;
  /** where the store keeps the content; uploads derived from one image share its key */
  storage_key: string;
  /** the upload a per-face upload was derived from */
  original_id: string | null;
  /** face meta (face_image uploads): detection and descriptor of one face */
  meta: NullableJson<FaceMeta>;
  created_by: number;
  created_at: Timestamp;
}

export interface MediaTables {
  uploads: UploadTable;
}

/** Kysely bound to the media schema. */
export type MediaDb = Kysely<MediaTables>;

export const MEDIA_SCHEMA = 'media';

export function mediaDb(db: Kysely<any>): MediaDb {
  return (db as Kysely<MediaTables>).withSchema(MEDIA_SCHEMA);
}
