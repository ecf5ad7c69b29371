import { printSubgraphSdl } from '@argus/core';
import { buildSchema as identitySchema } from '@argus/identity';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, CompositionError } from './compose.js';

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])';

describe('composeSupergraph', () => {
  it('composes the identity subgraph with another one extending its User', () => {
    const supergraph = composeSupergraph([
      { name: 'identity', url: 'http://127.0.0.1:4001/graphql', sdl: printSubgraphSdl(identitySchema()) },
      {
        name: 'other',
        url: 'http://127.0.0.1:4009/graphql',
        sdl: `${link}\ntype User @key(fields: "id") { id: Int! nickname: String }\ntype Query { other: Int }`,
      },
    ]);
    expect(supergraph).toContain('join__Graph');
    expect(supergraph).toMatch(/IDENTITY @join__graph\(name: "identity", url: "http:\/\/127\.0\.0\.1:4001\/graphql"\)/);
    expect(supergraph).toContain('nickname: String');
  });

  it('lists every composition error', () => {
    const compose = () =>
      composeSupergraph([
        { name: 'a', url: 'http://a/graphql', sdl: `${link}\ntype Query { answer: Int }` },
        { name: 'b', url: 'http://b/graphql', sdl: `${link}\ntype Query { answer: String }` },
      ]);
    expect(compose).toThrow(CompositionError);
    try {
      compose();
    } catch (error) {
      expect((error as CompositionError).errors.length).toBeGreaterThan(0);
      expect((error as CompositionError).message).toMatch(/Supergraph composition failed:\n {2}- .*answer/);
    }
  });

  it('names the subgraph whose SDL does not parse', () => {
    expect(() => composeSupergraph([{ name: 'broken', url: 'http://x/graphql', sdl: 'type Query {' }])).toThrow(
      /\[broken\]/,
    );
  });

  it('refuses to compose nothing', () => {
    expect(() => composeSupergraph([])).toThrow(CompositionError);
  });
});
