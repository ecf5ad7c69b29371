export * from './rtsp-test-server.js';
export * from './captured-logger.js';
