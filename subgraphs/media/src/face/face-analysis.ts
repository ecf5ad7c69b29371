import type { Logger } from '@argus/core';
import type { FaceMetaProvider } from '../services/face-meta.js';

/**
 * The media engine's face analyzer (one per process, loaded through `@argus/media-engine/client`) as the uploads
 * service sees it. Its models load in the background from the start; until they have loaded, or
 * when they cannot be, face analysis answers `unavailable` (503). Imported on demand, so a media
 * part without face analysis never loads ONNX Runtime.
 */
export async function loadFaceAnalysis(logger: Logger): Promise<FaceMetaProvider> {
  const face = await (await import('@argus/media-engine/client')).loadFaceAnalyzer();
  const log = logger.child({ component: 'face-analysis' });
  face.sharedFaceAnalyzer({ fetch: { log: (message) => log.info(message) } }).then(
    () => log.info('face analysis ready'),
    (err: unknown) =>
      log.warn({ err }, 'face analysis is not available: face images and face meta answer 503 until its models load'),
  );
  return {
    async analyze(image) {
      let analyzer: Awaited<ReturnType<typeof face.sharedFaceAnalyzer>>;
      try {
        analyzer = await face.sharedFaceAnalyzer();
      } catch (error) {
        return { status: 'unavailable', reason: error instanceof Error ? error.message : String(error) };
      }
      const result = await analyzer.analyze(image);
      // skipped means no face: an answer, not a failure
      if (result.status === 'skipped') return { status: 'success', faces: [] };
      if (result.status === 'failed') return { status: 'failed', reason: result.reason };
      return {
        status: 'success',
        faces: result.value.faces.map(({ detection, descriptor }) => ({ detection, descriptor })),
      };
    },
  };
}
