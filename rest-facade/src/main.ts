import { runMain } from '@argus/core';
import { buildApp } from './app.js';
import { restFacadeConfig } from './config.js';

await runMain('rest-facade', async () => {
  const app = buildApp(restFacadeConfig());
  await app.start();
  return app;
});
