import { runMain } from '@argus/core';
import { buildApp, identityConfig } from './app.js';

await runMain('identity', async () => {
  const app = buildApp(identityConfig());
  const { firstStart } = await app.start();
  if (firstStart.createdAdmin?.generated) {
    console.log(`First superuser: ${firstStart.createdAdmin.email} / ${firstStart.createdAdmin.password} (shown once)`);
  }
  return app;
});
