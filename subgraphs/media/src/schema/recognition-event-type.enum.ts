import { builder } from './builder.js';

export const RecognitionEventTypeEnum = builder.enumType('RecognitionEventType', {
  description: 'What a media engine recognised in a camera\'s frames (REST event_type)',
  values: {
    FACE_RECOGNITION: { value: 'face_recognition' },
    PLATE_RECOGNITION: { value: 'plate_recognition' },
    MOTION_DETECTION: { value: 'motion_detection' },
    LINE_CROSSING: { value: 'line_crossing' },
  } as const,
});
