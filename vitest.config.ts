import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const parts = ['subgraphs/*/src', 'router/src', 'rest-facade/src', 'media-engine/src'];

/**
 * unit: *.test.ts next to the code · integration: *.int.test.ts (a part against PostgreSQL) ·
 * schema: contracts and drift · e2e: every part on free ports over real HTTP and WebSocket ·
 * security: the whole API against authorization, malformed input, fuzzing and query cost.
 * Integration and e2e use the embedded PGlite unless DATABASE_URL names a server.
 */
export default defineConfig({
  resolve: {
    // One graphql instance: Vite would load index.mjs while the servers load index.js, and
    // `instanceof GraphQLError` across the two fails.
    alias: [
      { find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) },
    ],
  },
  test: {
    // Test files wait more than they compute (ffmpeg and RTSP in real time, the database, timers):
    // at least two run at once, also on two cores (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: parts.map((p) => `${p}/**/*.test.ts`),
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: { name: 'schema', include: ['test/schema/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: parts.map((p) => `${p}/**/*.int.test.ts`),
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'security',
          include: ['test/security/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
