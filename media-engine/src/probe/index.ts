export * from './ffprobe-args.js';
export * from './stream-info.js';
export * from './stream-probe.js';
