import { runMain } from '@argus/core';
import { buildApp, topologyConfig } from './app.js';

await runMain('topology', async () => {
  const app = buildApp(topologyConfig());
  await app.start();
  return app;
});
