import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schemasFromCode } from '../../../router/src/subgraph-schemas.js';
import { IMPLEMENTED_OPERATIONS } from '../handlers/index.js';
import { loadOperationDocuments } from './documents.js';

describe('operation documents', () => {
  const documents = loadOperationDocuments();

  it('exist for every implemented operation, and only for those', () => {
    expect([...documents.keys()].sort()).toEqual(Object.keys(IMPLEMENTED_OPERATIONS).sort());
  });

  it('are valid against the API schema composed from the subgraphs', () => {
    const subgraphs = schemasFromCode().subgraphs.map(({ name, sdl }) => ({
      name,
      url: `http://${name}/graphql`,
      typeDefs: parse(sdl),
    }));
    const composed = composeServices(subgraphs);
    expect(composed.errors ?? []).toEqual([]);
    // through SDL: the subgraph schemas are built by another copy of graphql under vitest
    const schema = buildSchema(composed.publicSdl!);
    const invalid = [...documents].flatMap(([id, text]) =>
      validate(schema, parse(text)).map((e) => `${id}: ${e.message}`),
    );
    expect(invalid).toEqual([]);
  });

  it("select each handler's root field", () => {
    const missing = Object.entries(IMPLEMENTED_OPERATIONS).filter(
      ([id, spec]) => !new RegExp(`\\b${spec.field}\\s*[({]`).test(documents.get(id) ?? ''),
    );
    expect(missing.map(([id]) => id)).toEqual([]);
  });

  it('append the fragments an operation uses, transitively, once', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ops-'));
    mkdirSync(path.join(dir, 'fragments'));
    writeFileSync(
      path.join(dir, 'fragments', 'a.graphql'),
      'fragment A on User { id ...B }\nfragment B on User { email }\nfragment C on User { roleId }',
    );
    writeFileSync(path.join(dir, 'getUser.graphql'), 'query getUser { user(id: 1) { ...A ...B } }');
    const text = loadOperationDocuments(dir).get('getUser')!;
    expect(text.match(/fragment \w+/g)).toEqual(['fragment A', 'fragment B']);
  });

  it('refuse a document whose operation is not named after its file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ops-'));
    mkdirSync(path.join(dir, 'fragments'));
    writeFileSync(path.join(dir, 'getUser.graphql'), 'query other { hello { message } }');
    expect(() => loadOperationDocuments(dir)).toThrow(/named getUser/);
  });
});
