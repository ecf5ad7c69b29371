import type { Logger } from '@argus/core';
import type { CameraIngest } from '../cluster/camera-ingest.js';
import type { CameraDirectory } from '../cluster/scheduled-camera.js';
import { AnalysingIngest, CameraAnalysis, followAnalytics } from './camera-analysis.js';
import { EventPublisher } from './event-publisher.js';
import { releaseSharedFrameFaceAnalyzer } from './frame-face-analyzer.js';
import { encodeJpeg } from './snapshot-jpeg.js';
import { releaseSharedFramePlateReader } from '../plates/plate-reader.js';

export interface EngineAnalysisOptions {
  readonly streamServerId: string;
  readonly internalKey: string;
  /** the media part (MEDIA_URL) */
  readonly mediaUrl: string;
  readonly maxWidth: number;
  readonly eventQueue: number;
  readonly ffmpegPath?: string;
  readonly logger?: Logger;
}

export interface EngineAnalysis {
  readonly analysis: CameraAnalysis;
  readonly publisher: EventPublisher;
  /** the ingest with analysis beside it */
  readonly ingest: CameraIngest;
  /** the directory whose answers restart analysers whose settings changed */
  readonly cameras: CameraDirectory;
  stop(): Promise<void>;
}

/** The analysis of an engine: analysers per camera, JPEG snapshots, the event publisher. */
export function engineAnalysis(
  options: EngineAnalysisOptions,
  ingest: CameraIngest,
  cameras: CameraDirectory,
): EngineAnalysis {
  const publisher = new EventPublisher({
    mediaUrl: options.mediaUrl,
    internalKey: options.internalKey,
    maxQueue: options.eventQueue,
    logger: options.logger?.child({ part: 'events' }),
  });
  const analysis = new CameraAnalysis({
    streamServerId: options.streamServerId,
    maxWidth: options.maxWidth,
    ffmpegPath: options.ffmpegPath,
    logger: options.logger,
    sink: (report, frame) => publisher.publish(report, encodeJpeg(frame)),
  });
  return {
    analysis,
    publisher,
    ingest: new AnalysingIngest(ingest, analysis),
    cameras: followAnalytics(cameras, analysis),
    async stop() {
      await analysis.stopAll();
      await publisher.stop();
      await Promise.all([releaseSharedFrameFaceAnalyzer(), releaseSharedFramePlateReader()]);
    },
  };
}
