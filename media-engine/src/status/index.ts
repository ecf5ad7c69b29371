export * from './status-db.js';
export * from './stream-status.types.js';
export * from './status-timeline.js';
export * from './stream-status.repository.js';
export * from './stream-status.recorder.js';
export * from './stream-status.reader.js';
export * from './lapsed-lease.recorder.js';
