import type { ColumnType, Generated, Kysely } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column: read as 'YYYY-MM-DD' text (repositories select it with to_char), written as that text. */
type DateText = ColumnType<string | null, string | null | undefined, string | null>;

export type Sex = 'm' | 'f';
export type Priority = 'low' | 'medium' | 'high';

export interface FaceTable {
  id: Generated<number>;
  organization_id: number;
  full_name: string | null;
  sex: Sex | null;
  birth_date: DateText;
  document_number: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FaceImageTable {
  id: Generated<number>;
  face_id: number;
  /** the upload (kind face_image) in the media part; attached to one face at most */
  upload_id: string;
  created_at: Timestamp;
}

/** A face list or a plate list: the columns are the same. */
export interface WatchlistTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  description: string | null;
  priority: Priority | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FaceListFaceTable {
  face_list_id: number;
  face_id: number;
  created_at: Timestamp;
}

export interface PlateTable {
  id: Generated<number>;
  organization_id: number;
  /** as entered */
  number: string;
  /** upper-case, without spaces and dashes: what matching and uniqueness use */
  number_normalized: string;
  owner_full_name: string | null;
  owner_document_number: string | null;
  owner_birth_date: DateText;
  vehicle_manufacturer: string | null;
  vehicle_model: string | null;
  vehicle_type: string | null;
  vehicle_manufacture_date: DateText;
  vehicle_color: string | null;
  /** an upload of kind vehicle_image */
  vehicle_image_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlateListPlateTable {
  plate_list_id: number;
  plate_id: number;
  created_at: Timestamp;
}

export interface WatchlistsTables {
  faces: FaceTable;
  face_images: FaceImageTable;
  face_lists: WatchlistTable;
  face_list_faces: FaceListFaceTable;
  plates: PlateTable;
  plate_lists: WatchlistTable;
  plate_list_plates: PlateListPlateTable;
}

/** Kysely bound to the watchlists schema. */
export type WatchlistsDb = Kysely<WatchlistsTables>;

export const WATCHLISTS_SCHEMA = 'watchlists';

export function watchlistsDb(db: Kysely<any>): WatchlistsDb {
  return (db as Kysely<WatchlistsTables>).withSchema(WATCHLISTS_SCHEMA);
}
