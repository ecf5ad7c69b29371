import { runMain } from '@argus/core';
import { buildApp, watchlistsConfig } from './app.js';

await runMain('watchlists', async () => {
  const app = buildApp(watchlistsConfig());
  await app.start();
  return app;
});
