import { runMain } from '@argus/core';
import { buildApp, mediaConfig } from './app.js';

await runMain('media', async () => {
  const app = buildApp(mediaConfig());
  await app.start();
  return app;
});
