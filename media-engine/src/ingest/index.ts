export * from './backoff.js';
export * from './camera-status.js';
export * from './camera-watchdog.js';
