import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';

/** The PostgreSQL channel recognition event notices travel on. */
export const NOTICE_CHANNEL = 'argus_event_notices';

/** NOTIFY and LISTEN of the notice channel (on PGlite within its process, on a server across processes). */
export class NoticeChannelRepository {
  constructor(private readonly db: Kysely<any>) {}

  /**
   * Sent in a transaction of its own (after the events it names were committed), delivered to every
   * listener at its commit. That commit does not wait for the WAL flush: it changes no data, and
   * PostgreSQL serialises every NOTIFYing commit of the server, so a flush there (milliseconds on
   * a slow disk) would bound notices to a few hundred a second.
   */
  async notify(payload: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      await sql`select pg_notify(${NOTICE_CHANNEL}, ${payload})`.execute(trx);
    });
  }

  /** Listens on the embedded engine; resolves with the way to stop. */
  async listenEmbedded(pglite: PGlite, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await pglite.listen(NOTICE_CHANNEL, onPayload);
    return () => unlisten();
  }

  /** Listens on a dedicated server connection (its `notification` events carry the payloads). */
  async listenOn(client: pg.Client): Promise<void> {
    await client.query(`listen ${NOTICE_CHANNEL}`);
  }
}
