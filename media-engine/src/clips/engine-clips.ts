import type { Database, Logger } from '@argus/core';
import type { StreamServerNode } from '../cluster/stream-server-node.js';
import type { MediaEngineConfig } from '../config.js';
import { streamServerBaseUrl } from '../recording/recording-urls.js';
import { ClipQueue } from './clip-queue.js';
import { clipRoutes, type ClipRoutes } from './clip-routes.js';
import { ClipWorker } from './clip-worker.js';
import { VideoClipRepository } from './video-clip.repository.js';

export interface EngineClips {
  readonly routes: ClipRoutes;
  /** the engine's own URL once it listens (its clips' base URL unless STREAMSERVER_HOST says otherwise) */
  listening(url: string): void;
  stop(): Promise<void>;
}

/**
 * Video clips in a media engine: pg-boss (its schema installed on first start), a ClipWorker
 * that follows the node's leases, and the /clips download route.
 */
export async function startEngineClips(deps: {
  database: Database;
  node: StreamServerNode;
  config: MediaEngineConfig;
  logger: Logger;
}): Promise<EngineClips> {
  const { database, node, config, logger } = deps;
  const queue = new ClipQueue(database, { logger, supervise: true });
  await queue.start();
  let setUrl: (url: string) => void = () => undefined;
  const own = new Promise<string>((resolve) => {
    setUrl = resolve;
  });
  const worker = new ClipWorker({
    queue,
    clips: new VideoClipRepository(database.db),
    streamServerId: config.streamServerId,
    recordingsDir: config.recordingsDir,
    clipsDir: config.clipsDir,
    servedFrom: async () => streamServerBaseUrl(config.streamServerHost) ?? own,
    logger: logger.child({ part: 'clips' }),
    ffmpegPath: config.ffmpegPath,
  });
  node.on('acquired', ({ cameraId }) => void worker.watch(cameraId));
  node.on('released', ({ cameraId, reason }) => void worker.unwatch(cameraId, `camera ${reason}`));
  for (const { cameraId } of node.owned()) void worker.watch(cameraId);
  worker.start();
  return {
    routes: clipRoutes({ clipsDir: config.clipsDir, internalKey: config.internalKey, logger }),
    listening: (url) => setUrl(url),
    async stop() {
      await worker.stop();
      await queue.stop();
    },
  };
}
