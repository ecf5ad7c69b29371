import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColumnType, Kysely } from 'kysely';
import { migrateSchema, type Logger } from '@argus/core';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface StreamServerTable {
  id: string;
  group: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  host: string | null;
  ttl_ms: number;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
}

export interface CameraLeaseTable {
  camera_id: string;
  streamserver_id: string;
  expires_at: Timestamp;
  acquired_at: Timestamp;
}

export interface StreamingTables {
  stream_servers: StreamServerTable;
  camera_leases: CameraLeaseTable;
}

/** Kysely bound to the media engine's schema. */
export type StreamingDb = Kysely<StreamingTables>;

/** The PostgreSQL schema the media engine owns. */
export const STREAMING_SCHEMA = 'streaming';

/** The media engine's migrations (run with migrateSchema(db, STREAMING_SCHEMA, STREAMING_MIGRATIONS)). */
export const STREAMING_MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export function streamingDb(db: Kysely<any>): StreamingDb {
  return (db as Kysely<StreamingTables>).withSchema(STREAMING_SCHEMA);
}

/**
 * Runs the media engine's migrations. Parts started together (engines, the media subgraph) race
 * to create the schema; the loser retries once the winner is done.
 */
export async function migrateStreaming(db: Kysely<any>, logger: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateSchema(db, STREAMING_SCHEMA, STREAMING_MIGRATIONS);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      logger.warn({ err: (err as Error).message, attempt }, 'migrating the streaming schema failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
