export * from './video-clip.repository.js';
export * from './clip-queue.js';
export * from './kysely-boss-db.js';
export * from '../recording/clip-url.js';
