import { runMain } from '@argus/core';
import { restFacadeConfig } from './config.js';
import { startStack } from './stack.js';

/**
 * `npm start`: every part in one process, on the embedded database unless DATABASE_URL is set.
 * runMain keeps the process serving when one request's error goes unhandled (logged instead).
 */
await runMain('argus', async () => {
  const stack = await startStack(process.env);
  const admin = stack.createdAdmin;
  const lines = [
    '',
    'Argus is running.',
    `  REST API   ${stack.restUrl}/api/v1`,
    ...(restFacadeConfig(process.env).apiDocs ? [`  API docs   ${stack.restUrl}/docs`] : []),
    `  GraphQL    ${stack.routerUrl}   (GraphiQL in a browser)`,
  ];
  if (admin) {
    lines.push(
      `  First superuser: ${admin.email}${admin.generated ? ` / ${admin.password}   (generated; shown only this once)` : ' (password from ADMIN_PASSWORD)'}`,
    );
  }
  lines.push(`  Sign in:  curl -s -X POST ${stack.restUrl}/api/v1/token -d 'username=<email>&password=<password>'`, '');
  console.log(lines.join('\n'));
  return stack;
});
