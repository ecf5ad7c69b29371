import type { Kysely } from 'kysely';
import { isMissingSchema } from '../cluster/missing-schema.js';
import { statusDb } from './status-db.js';
import { StreamStatusRepository } from './stream-status.repository.js';
import { NO_STREAM_SERVER, SERVER_WENT_AWAY } from './stream-status.types.js';

/**
 * The engine's one write that must happen with no engine alive: cameras whose stream server
 * vanished under an `online` (its lease ran out, nobody took the camera over) are written down
 * `offline`, no stream server, dated at that server's last heartbeat. One idempotent statement
 * that leaves a camera already written down or taken over alone. Published for the media
 * subgraph's status follower (`@argus/media-engine/client`), so subscribers hear of such a
 * camera within a second of its lease's expiry even when no engine runs.
 */
export class LapsedLeaseRecorder {
  private readonly repo: StreamStatusRepository;

  constructor(db: Kysely<any>) {
    this.repo = new StreamStatusRepository(statusDb(db));
  }

  /** The cameras written down now (none before any engine migrated the `streaming` schema). */
  async record(): Promise<string[]> {
    try {
      return await this.repo.closeLapsedOnline(NO_STREAM_SERVER, SERVER_WENT_AWAY);
    } catch (err) {
      if (isMissingSchema(err)) return [];
      throw err;
    }
  }
}
