import type { Kysely } from 'kysely';
import type { Logger } from '@argus/core';
import type { CameraStatusChange } from '../ingest/camera-status.js';
import { statusDb } from './status-db.js';
import { StreamStatusRepository } from './stream-status.repository.js';
import { NO_STREAM_SERVER, SERVER_WENT_AWAY } from './stream-status.types.js';

/** Why a stream server stopped ingesting a camera (StreamServerNode's `released`). */
type ReleaseReason = 'moved' | 'lease lost' | 'lease not renewed' | 'settings changed' | 'shutdown';

/**
 * The engine's writer of stream status transitions: the watchdog's online/offline changes, a
 * camera it stops ingesting (offline, no stream server) and a takeover from a server that went
 * away while the camera was online. Writes run one after another in the order reported; a failed
 * write is retried a few times, then dropped with a warning (the next transition still lands).
 */
export class StreamStatusRecorder {
  private readonly repo: StreamStatusRepository;
  private chain: Promise<void> = Promise.resolve();
  private readonly log: Logger | undefined;

  constructor(
    db: Kysely<any>,
    private readonly serverId: string,
    logger?: Logger,
    private readonly retryMs = 500,
  ) {
    this.repo = new StreamStatusRepository(statusDb(db));
    this.log = logger?.child({ component: 'stream-status' });
  }

  /** A watchdog transition of a camera this server ingests. */
  onStatus(change: CameraStatusChange): void {
    this.enqueue(() =>
      this.repo.append({
        cameraId: change.cameraId,
        status: change.status,
        reason: change.reason,
        detail: change.detail,
        streamServerId: this.serverId,
      }),
    );
  }

  /** This server acquired the camera: an `online` left by a vanished server ends now. */
  onAcquired(cameraId: string): void {
    this.enqueue(() => this.repo.closeForeignOnline(cameraId, this.serverId, NO_STREAM_SERVER, SERVER_WENT_AWAY));
  }

  /** This server stopped ingesting the camera; unless it restarts at once, nobody ingests it now. */
  onReleased(cameraId: string, reason: ReleaseReason): void {
    if (reason === 'settings changed') return;
    this.enqueue(() =>
      this.repo.append({
        cameraId,
        status: 'offline',
        reason: NO_STREAM_SERVER,
        detail: `ingest stopped (${reason})`,
        streamServerId: this.serverId,
      }),
    );
  }

  /** Resolves once every transition reported so far is written (or given up). */
  flush(): Promise<void> {
    return this.chain;
  }

  private enqueue(write: () => Promise<unknown>): void {
    this.chain = this.chain.then(async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await write();
          return;
        } catch (err) {
          if (attempt >= 3) {
            this.log?.warn({ err: (err as Error).message }, 'could not record a stream status transition');
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, this.retryMs * attempt));
        }
      }
    });
  }
}
