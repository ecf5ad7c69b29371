import { builder } from './builder.js';

export const VideoClipStatusEnum = builder.enumType('VideoClipStatus', {
  description: 'Where a video clip job is',
  values: {
    QUEUED: { value: 'queued', description: 'Waiting for the stream server holding the camera' },
    RUNNING: { value: 'running', description: 'Being cut (progress grows)' },
    FAILED: { value: 'failed' },
    ABORTED: { value: 'aborted', description: 'Deleted before it was done' },
    DONE: { value: 'done', description: 'Cut: resultUrl downloads the MP4' },
  } as const,
});
