import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemasFromCode } from './subgraph-schemas.js';

/** schema/: `<subgraph>.graphql` snapshots and `supergraph.graphql`, written by `npm run schema:write`. */
export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { subgraphs, supergraph } = schemasFromCode();
  for (const { name, sdl } of subgraphs) writeFileSync(path.join(SCHEMA_DIR, `${name}.graphql`), sdl);
  writeFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), supergraph);
  console.log(`wrote ${subgraphs.map((s) => `schema/${s.name}.graphql`).join(', ')} and schema/supergraph.graphql`);
}
