import type { ColumnType, Generated, Kysely } from 'kysely';
import { STREAMING_SCHEMA, type StreamingTables } from '../cluster/streaming-db.js';

export interface StreamStatusEventTable {
  id: Generated<number>;
  camera_id: string;
  status: 'online' | 'offline';
  reason: string | null;
  detail: string | null;
  streamserver_id: string | null;
  at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StatusTables extends StreamingTables {
  stream_status_events: StreamStatusEventTable;
}

/** Kysely bound to the `streaming` schema, with the status events table. */
export type StatusDb = Kysely<StatusTables>;

export function statusDb(db: Kysely<any>): StatusDb {
  return (db as Kysely<StatusTables>).withSchema(STREAMING_SCHEMA);
}
