export * from './video-clip.repository.js';
export * from './clip-queue.js';
export * from './kysely-boss-db.js';
export * from '../recording/clip-url.js';
export * from './clip-requests.js';
export * from './video-clip.reader.js';
