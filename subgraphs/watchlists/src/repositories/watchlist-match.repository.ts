import { sql } from 'kysely';
import type { Priority, WatchlistsDb } from '../db.js';

export interface FaceCandidateRow {
  face_id: number;
  full_name: string | null;
  list_id: number;
  list_name: string;
  priority: Priority | null;
  upload_id: string;
}

export interface PlateMatchRow {
  plate_id: number;
  number: string;
  list_id: number;
  list_name: string;
  priority: Priority | null;
}

/** What recognition events are matched against: the organization's face lists and plate lists. */
export class WatchlistMatchRepository {
  constructor(private readonly db: WatchlistsDb) {}

  /** Every face image of a face on one of the organization's face lists, per list. */
  faceCandidates(organizationId: number): Promise<FaceCandidateRow[]> {
    return this.db
      .selectFrom('face_lists as l')
      .innerJoin('face_list_faces as lf', 'lf.face_list_id', 'l.id')
      .innerJoin('faces as f', 'f.id', 'lf.face_id')
      .innerJoin('face_images as i', 'i.face_id', 'f.id')
      .select(['f.id as face_id', 'f.full_name', 'l.id as list_id', 'l.name as list_name', 'l.priority', 'i.upload_id'])
      .where('l.organization_id', '=', organizationId)
      .where('f.organization_id', '=', organizationId)
      .orderBy('l.id')
      .orderBy('f.id')
      .execute();
  }

  /** The organization's plates with this normalised number, per plate list holding them. */
  platesOnLists(organizationId: number, normalized: string): Promise<PlateMatchRow[]> {
    return this.db
      .selectFrom('plate_lists as l')
      .innerJoin('plate_list_plates as lp', 'lp.plate_list_id', 'l.id')
      .innerJoin('plates as p', 'p.id', 'lp.plate_id')
      .select(['p.id as plate_id', 'p.number', 'l.id as list_id', 'l.name as list_name', 'l.priority'])
      .where('l.organization_id', '=', organizationId)
      .where('p.organization_id', '=', organizationId)
      .where(sql`p.number_normalized`, '=', normalized)
      .orderBy('l.id')
      .execute();
  }
}
