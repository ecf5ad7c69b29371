/** Test support for the engine's analysis: synthetic videos from the fixtures and a receiver of signed event reports. */
export * from './event-receiver.js';
export * from './synthetic-videos.js';
