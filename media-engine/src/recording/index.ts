export * from './recording-layout.js';
export * from './segment-index.js';
export * from './segment-activity.js';
export * from './playlist.js';
export * from './retention.js';
export * from './clip-args.js';
export * from './clip.js';
export * from './snapshot-file.js';
