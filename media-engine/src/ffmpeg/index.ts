export * from './camera-source.js';
export * from './redaction.js';
export * from './ffmpeg-args.js';
export * from './progress.js';
export * from './failure-reason.js';
export * from './process-runner.js';
