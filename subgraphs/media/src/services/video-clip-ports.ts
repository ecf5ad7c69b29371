import { UnavailableError, type Database, type Logger } from '@argus/core';
import { ClipQueue, VideoClipRepository } from '@argus/media-engine/clips';
import { CameraOwnerReader, migrateStreaming } from '@argus/media-engine/cluster';
import { cameraRecordingDir, listSegments, streamServerBaseUrl } from '@argus/media-engine/recording';
import type { StreamServerClient } from './stream-server-client.js';

/** Whether anything of [fromMs, toMs) is recorded for the camera. */
export interface RecordedRanges {
  hasRecording(cameraId: string, fromMs: number, toMs: number): Promise<boolean>;
}

/** The queue as the subgraph uses it: it enqueues and cancels, the engines work the jobs. */
export interface ClipJobs {
  send(cameraId: string, clipId: string): Promise<string>;
  cancel(cameraId: string, jobId: string): Promise<void>;
}

/**
 * What is recorded, asked of the stream server holding the camera's lease (its disk index, the
 * recordings helper's internal endpoint). When no server holds it (the engines are down: the clip
 * waits in the queue) or its server registered no host, the local RECORDINGS_DIR is read instead
 * (one host, as in `npm start`); nothing there either is "not recorded".
 */
export class OwnerRecordedRanges implements RecordedRanges {
  private readonly owners: CameraOwnerReader;

  constructor(db: Database['db'], private readonly servers: StreamServerClient, private readonly localRecordingsDir: string | undefined) {
    this.owners = new CameraOwnerReader(db);
  }

  async hasRecording(cameraId: string, fromMs: number, toMs: number): Promise<boolean> {
    const owner = await this.owners.ownerOf(cameraId);
    if (owner && streamServerBaseUrl(owner.host)) {
      try {
        return (await this.servers.listSegments(owner, fromMs, toMs, 1)).length > 0;
      } catch (err) {
        if (!(err instanceof UnavailableError) || !this.localRecordingsDir) throw err;
      }
    }
    if (!this.localRecordingsDir) return false;
    return (await listSegments(cameraRecordingDir(this.localRecordingsDir, cameraId), fromMs, toMs)).length > 0;
  }
}

/**
 * The clip queue on the subgraph's side, started on first use (pg-boss installs its schema then),
 * and the `streaming` schema migrated here too: clips may be asked for before any engine ran.
 */
export function subgraphClipJobs(database: Database, logger: Logger): ClipJobs & { readonly repository: VideoClipRepository; ready(): Promise<void>; close(): Promise<void> } {
  const queue = new ClipQueue(database, { logger, supervise: false });
  let migrated: Promise<void> | undefined;
  const ready = () => (migrated ??= migrateStreaming(database.db, logger).then(() => queue.start()).catch((err: unknown) => {
    migrated = undefined;
    throw err;
  }));
  return {
    repository: new VideoClipRepository(database.db),
    ready,
    async send(cameraId, clipId) {
      await ready();
      return queue.send(cameraId, clipId);
    },
    async cancel(cameraId, jobId) {
      await ready();
      await queue.cancel(cameraId, jobId);
    },
    close: () => queue.stop(),
  };
}
