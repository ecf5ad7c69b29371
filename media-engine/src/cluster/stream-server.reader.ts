import type { Kysely } from 'kysely';
import { StreamServerRepository } from './stream-server.repository.js';
import { streamingDb } from './streaming-db.js';

/** A live stream server, as the media subgraph lists it. */
export interface LiveStreamServer {
  readonly id: string;
  readonly group: string | null;
  readonly tags: string[];
  readonly host: string | null;
  readonly startedAt: Date;
  readonly heartbeatAt: Date;
}

const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA = '3F000';

/**
 * The media engine's read side for other parts: the stream servers heart-beating within their
 * TTL. Before any media engine has migrated the `streaming` schema there are none.
 */
export class StreamServerReader {
  private readonly servers: StreamServerRepository;

  constructor(db: Kysely<any>) {
    this.servers = new StreamServerRepository(streamingDb(db));
  }

  async listLive(): Promise<LiveStreamServer[]> {
    try {
      const rows = await this.servers.listLive();
      return rows.map((r) => ({
        id: r.id,
        group: r.group,
        tags: r.tags,
        host: r.host,
        startedAt: r.started_at,
        heartbeatAt: r.heartbeat_at,
      }));
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === UNDEFINED_TABLE || code === INVALID_SCHEMA) return [];
      throw err;
    }
  }
}
