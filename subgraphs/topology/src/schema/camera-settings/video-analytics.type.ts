import type { VideoAnalytics as VideoAnalyticsShape } from '../../services/camera-settings.js';
import { builder } from '../builder.js';
import { LineCrossingDetector } from './line-crossing-detector.type.js';
import { MotionDetector } from './motion-detector.type.js';
import { RecognitionDetector } from './recognition-detector.type.js';

export const VideoAnalytics = builder.objectRef<VideoAnalyticsShape>('VideoAnalytics').implement({
  description: "Which detectors run on the camera's video, and their parameters",
  fields: (t) => ({
    fps: t.exposeFloat('fps', { description: 'Frames analysed per second' }),
    face: t.field({ type: RecognitionDetector, resolve: (a) => a.face }),
    plate: t.field({ type: RecognitionDetector, resolve: (a) => a.plate }),
    motion: t.field({ type: MotionDetector, resolve: (a) => a.motion }),
    lineCrossing: t.field({ type: LineCrossingDetector, resolve: (a) => a.lineCrossing }),
  }),
});
