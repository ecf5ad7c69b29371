import { describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS } from '@argus/core';
import { introspectUrlOf, routerConfig } from './config.js';

const base = { ARGUS_INTERNAL_KEY: 'k'.repeat(32), ARGUS_TOKEN_SIGNING_KEY: 's'.repeat(32) };

describe('routerConfig', () => {
  it('defaults to every subgraph on its default port, the Rust planner, GraphiQL and no CORS origin', () => {
    const config = routerConfig(base);
    expect(config.port).toBe(4000);
    expect(config.subgraphs).toEqual([
      { name: 'identity', url: 'http://127.0.0.1:4001/graphql' },
      { name: 'topology', url: 'http://127.0.0.1:4002/graphql' },
      { name: 'watchlists', url: 'http://127.0.0.1:4003/graphql' },
      { name: 'media', url: 'http://127.0.0.1:4004/graphql' },
    ]);
    expect(config.introspectUrl).toBe('http://127.0.0.1:4001/internal/introspect');
    expect(config.queryPlanner).toBe('rust');
    expect(config.graphql).toMatchObject({ graphiql: true, introspection: true, limits: DEFAULT_OPERATION_LIMITS });
    expect(config.corsOrigins).toEqual([]);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('leaves out subgraphs set to "off" or the empty string', () => {
    const config = routerConfig({
      ...base,
      TOPOLOGY_URL: 'off',
      WATCHLISTS_URL: '',
      MEDIA_URL: 'OFF',
      IDENTITY_URL: 'http://id.internal:9000/graphql',
    });
    expect(config.subgraphs).toEqual([{ name: 'identity', url: 'http://id.internal:9000/graphql' }]);
    expect(config.introspectUrl).toBe('http://id.internal:9000/internal/introspect');
  });

  it('reads the port, the planner and GraphiQL', () => {
    const config = routerConfig({ ...base, ROUTER_PORT: '0', ROUTER_QUERY_PLANNER: 'js', GRAPHIQL: 'false' });
    expect(config).toMatchObject({ port: 0, queryPlanner: 'js', graphql: { graphiql: false, introspection: true } });
  });

  it('turns GraphiQL and introspection off with NODE_ENV=production unless enabled', () => {
    expect(routerConfig({ ...base, NODE_ENV: 'production' }).graphql).toMatchObject({
      graphiql: false,
      introspection: false,
    });
    const enabled = routerConfig({ ...base, NODE_ENV: 'production', GRAPHIQL: 'true', GRAPHQL_INTROSPECTION: 'true' });
    expect(enabled.graphql).toMatchObject({ graphiql: true, introspection: true });
  });

  it('reads the operation limits and refuses ones below 1', () => {
    const env = {
      GRAPHQL_MAX_DEPTH: '9',
      GRAPHQL_MAX_ALIASES: '3',
      GRAPHQL_MAX_TOKENS: '500',
      GRAPHQL_MAX_DIRECTIVES: '4',
      GRAPHQL_MAX_COST: '1000',
    };
    const config = routerConfig({ ...base, ...env });
    expect(config.graphql.limits).toEqual({
      maxDepth: 9,
      maxAliases: 3,
      maxTokens: 500,
      maxDirectives: 4,
      maxCost: 1000,
    });
    expect(() => routerConfig({ ...base, GRAPHQL_MAX_DEPTH: '0' })).toThrow(/GRAPHQL_MAX_DEPTH/);
    expect(() => routerConfig({ ...base, GRAPHQL_MAX_COST: 'lots' })).toThrow(/GRAPHQL_MAX_COST/);
  });

  it('reads the CORS origins and refuses anything but origins', () => {
    const config = routerConfig({ ...base, CORS_ORIGINS: 'https://app.example.com, http://localhost:5173/,*' });
    expect(config.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173', '*']);
    for (const bad of ['app.example.com', 'https://app.example.com/path', 'null', 'file:///etc']) {
      expect(() => routerConfig({ ...base, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    }
  });

  it('refuses an unknown planner and a subgraph URL that is not http(s)', () => {
    expect(() => routerConfig({ ...base, ROUTER_QUERY_PLANNER: 'apollo' })).toThrow(/ROUTER_QUERY_PLANNER/);
    expect(() => routerConfig({ ...base, MEDIA_URL: 'media:4004' })).toThrow(/MEDIA_URL/);
  });
});

describe('introspectUrlOf', () => {
  it('replaces the /graphql path with /internal/introspect', () => {
    expect(introspectUrlOf('http://127.0.0.1:4001/graphql')).toBe('http://127.0.0.1:4001/internal/introspect');
    expect(introspectUrlOf('https://gw.example/identity/graphql?x=1')).toBe(
      'https://gw.example/identity/internal/introspect',
    );
  });
});
