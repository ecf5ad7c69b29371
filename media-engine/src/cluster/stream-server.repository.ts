import { sql } from 'kysely';
import type { StreamingDb } from './streaming-db.js';

/** A stream server as it registers itself. */
export interface StreamServerRegistration {
  readonly id: string;
  readonly group: string | null;
  readonly tags: readonly string[];
  readonly host: string | null;
  /** counts as gone this long after its last heartbeat */
  readonly ttlMs: number;
}

export interface StreamServerRow {
  id: string;
  group: string | null;
  tags: string[];
  host: string | null;
  ttl_ms: number;
  started_at: Date;
  heartbeat_at: Date;
}

const COLUMNS = ['id', 'group', 'tags', 'host', 'ttl_ms', 'started_at', 'heartbeat_at'] as const;

/** Servers silent this long past their TTL are deleted (they stay listed as gone until then in the table only). */
const FORGET_AFTER = sql`interval '1 hour'`;

/** Live = heartbeat younger than the server's own TTL, by the database clock (no clock skew between hosts). */
const isLive = sql<boolean>`heartbeat_at + ttl_ms * interval '1 millisecond' > now()`;

export class StreamServerRepository {
  constructor(private readonly db: StreamingDb) {}

  /**
   * Registers the server or records a heartbeat, in one statement. `restarted` resets started_at
   * (a process that starts under an id that was registered before).
   */
  async heartbeat(server: StreamServerRegistration, restarted = false): Promise<void> {
    await this.db
      .insertInto('stream_servers')
      .values({
        id: server.id,
        group: server.group,
        tags: [...server.tags],
        host: server.host,
        ttl_ms: server.ttlMs,
        started_at: sql`now()`,
        heartbeat_at: sql`now()`,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          group: eb.ref('excluded.group'),
          tags: eb.ref('excluded.tags'),
          host: eb.ref('excluded.host'),
          ttl_ms: eb.ref('excluded.ttl_ms'),
          heartbeat_at: sql`now()`,
          ...(restarted ? { started_at: sql`now()` } : {}),
        })),
      )
      .execute();
  }

  /** Servers heart-beating within their TTL, by id. */
  listLive(): Promise<StreamServerRow[]> {
    return this.db.selectFrom('stream_servers').select(COLUMNS).where(isLive).orderBy('id').execute();
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('stream_servers').where('id', '=', id).execute();
  }

  /** Deletes servers gone for long (crashed ones never deregister). */
  async forgetGone(): Promise<void> {
    await this.db
      .deleteFrom('stream_servers')
      .where(sql<boolean>`heartbeat_at + ttl_ms * interval '1 millisecond' + ${FORGET_AFTER} < now()`)
      .execute();
  }
}
