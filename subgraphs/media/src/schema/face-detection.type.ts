import type { FaceDetection as FaceDetectionValue } from '../services/face-meta.js';
import { builder } from './builder.js';
import { FaceBox } from './face-box.type.js';
import { FaceLandmark } from './face-landmark.type.js';

export const FaceDetection = builder.objectRef<FaceDetectionValue>('FaceDetection').implement({
  description: 'A face found in an image',
  fields: (t) => ({
    rect: t.field({ type: FaceBox, resolve: (detection) => detection.rect }),
    landmarks: t.field({ type: [FaceLandmark], resolve: (detection) => [...detection.landmarks] }),
    score: t.float({ nullable: true, description: 'Detector confidence in [0, 1]', resolve: (detection) => detection.score ?? null }),
  }),
});
