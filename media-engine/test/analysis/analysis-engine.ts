import type { Logger } from '@argus/core';
import type { CameraAnalyser } from '../../src/analysis/camera-analyser.js';
import { engineAnalysis, type EngineAnalysis } from '../../src/analysis/engine-analysis.js';
import type { CameraIngest } from '../../src/cluster/camera-ingest.js';
import { StaticCameraDirectory, type ScheduledCamera } from '../../src/cluster/scheduled-camera.js';
import { until } from '../../../test/support/waiting.js';
import type { ReceivedEvents } from './event-receiver.js';

/** An engine's analysis with nothing recorded beside it, reporting its events to `receiver`. */
export function analysisReportingTo(
  receiver: ReceivedEvents,
  o: { streamServerId: string; internalKey: string; logger: Logger },
): EngineAnalysis {
  const idle: CameraIngest = { start: () => undefined, stop: async () => undefined, status: () => undefined };
  return engineAnalysis(
    { ...o, mediaUrl: receiver.url, maxWidth: 640, eventQueue: 100 },
    idle,
    new StaticCameraDirectory(),
  );
}

/**
 * Starts `camera` and answers its analyser once the decoder has exited at the end of the clip, so
 * the clip played once (the RTSP test server plays it to each client from its start). The camera
 * stays started.
 */
export async function playOnce(engine: EngineAnalysis, camera: ScheduledCamera): Promise<CameraAnalyser> {
  engine.ingest.start(camera);
  const analyser = await until(() => engine.analysis.analyser(camera.id), 5000, 'the analyser');
  await new Promise<void>((resolve) => analyser.source.once('restart', () => resolve()));
  return analyser;
}
