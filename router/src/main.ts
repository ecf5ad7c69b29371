import { runMain } from '@argus/core';
import { buildApp, routerConfig } from './app.js';

await runMain('router', async () => {
  const app = buildApp(routerConfig());
  await app.start();
  return app;
});
