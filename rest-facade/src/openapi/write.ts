import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleOpenApi, countOperations, OPENAPI_FILE, renderOpenApi } from './bundle.js';

/** Writes schema/openapi.yaml from schema/openapi/ (base.yaml + sections/*.yaml). */
const doc = bundleOpenApi();
writeFileSync(OPENAPI_FILE, renderOpenApi(doc));
console.log(`wrote ${path.relative(process.cwd(), OPENAPI_FILE)} (${countOperations(doc)} operations)`);
