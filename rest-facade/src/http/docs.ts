import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RestResponse } from './rest-response.js';

/** A static answer: bytes with a content type. */
export interface StaticFile {
  readonly status: number;
  readonly contentType: string;
  readonly body: string | Buffer;
}

const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** Swagger UI on the contract, from the local swagger-ui-dist (no CDN); the password flow logs in at /api/v1/token. */
const DOCS_PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Argus API</title>
    <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css" />
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="/docs/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="/docs/swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect.html',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

/** GET /docs and /docs/<file>; undefined for any other path. */
export async function docsFile(urlPath: string): Promise<StaticFile | undefined> {
  if (urlPath === '/docs' || urlPath === '/docs/' || urlPath === '/docs/index.html') {
    return { status: 200, contentType: CONTENT_TYPES['.html']!, body: DOCS_PAGE };
  }
  if (!urlPath.startsWith('/docs/')) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(urlPath.slice('/docs/'.length));
  } catch {
    return undefined;
  }
  if (name === 'swagger-initializer.js') return { status: 200, contentType: CONTENT_TYPES['.js']!, body: INITIALIZER };
  const contentType = CONTENT_TYPES[path.extname(name)];
  // only plain file names of the package directory
  if (!contentType || !/^[\w.-]+$/.test(name) || name.startsWith('.')) return undefined;
  try {
    return { status: 200, contentType, body: await readFile(path.join(SWAGGER_UI_DIR, name)) };
  } catch {
    return undefined;
  }
}

/** GET /openapi.json */
export function openapiJson(document: unknown): RestResponse {
  return { status: 200, body: document };
}
