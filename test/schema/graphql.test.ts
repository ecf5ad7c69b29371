import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generatedOperationTypes } from '../../rest-facade/src/codegen.js';
import { loadOperationDocuments } from '../../rest-facade/src/graphql/documents.js';
import { schemasFromCode } from '../../router/src/subgraph-schemas.js';
import { SCHEMA_DIR } from '../../router/src/write-schemas.js';

const fromCode = schemasFromCode();
const snapshot = (file: string) => readFileSync(path.join(SCHEMA_DIR, file), 'utf8');

describe('GraphQL schemas', () => {
  it.each(fromCode.subgraphs.map((s) => [s.name, s.sdl]))('schema/%s.graphql matches the code (run `npm run schema:write`)', (name, sdl) => {
    expect(snapshot(`${name}.graphql`)).toBe(sdl);
  });

  it('schema/supergraph.graphql is the composition of the subgraphs', () => {
    expect(snapshot('supergraph.graphql')).toBe(fromCode.supergraph);
  });

  it('every REST operation document is valid against the supergraph', () => {
    const composed = composeServices(fromCode.subgraphs.map(({ name, sdl }) => ({ name, url: `http://${name}/graphql`, typeDefs: parse(sdl) })));
    expect(composed.errors ?? []).toEqual([]);
    const api = buildSchema(composed.publicSdl!);
    const documents = loadOperationDocuments();
    expect(documents.size).toBeGreaterThan(0);
    const invalid = [...documents].flatMap(([operationId, text]) => validate(api, parse(text)).map((e) => `${operationId}: ${e.message}`));
    expect(invalid).toEqual([]);
  });

  it('rest-facade/src/graphql/generated/operations.ts is generated from the supergraph and the documents (run `npm run codegen`)', async () => {
    const { file, content } = await generatedOperationTypes();
    expect(readFileSync(file, 'utf8')).toBe(content);
  });
});
