import { runMain } from '@argus/core';
import { buildApp, mediaEngineConfig } from './app.js';

await runMain('media-engine', async () => {
  const app = buildApp(mediaEngineConfig());
  const { url } = await app.start();
  console.error(`media-engine ${app.node().id} status at ${url}/status`);
  return app;
});
