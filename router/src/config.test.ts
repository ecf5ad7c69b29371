import { describe, expect, it } from 'vitest';
import { introspectUrlOf, routerConfig } from './config.js';

const base = { ARGUS_INTERNAL_KEY: 'k'.repeat(32), ARGUS_TOKEN_SIGNING_KEY: 's'.repeat(32) };

describe('routerConfig', () => {
  it('defaults to every subgraph on its default port, the Rust planner and GraphiQL', () => {
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
    expect(config.graphiql).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('leaves out subgraphs set to "off" or the empty string', () => {
    const config = routerConfig({ ...base, TOPOLOGY_URL: 'off', WATCHLISTS_URL: '', MEDIA_URL: 'OFF', IDENTITY_URL: 'http://id.internal:9000/graphql' });
    expect(config.subgraphs).toEqual([{ name: 'identity', url: 'http://id.internal:9000/graphql' }]);
    expect(config.introspectUrl).toBe('http://id.internal:9000/internal/introspect');
  });

  it('reads the port, the planner and GraphiQL', () => {
    const config = routerConfig({ ...base, ROUTER_PORT: '0', ROUTER_QUERY_PLANNER: 'js', GRAPHIQL: 'false' });
    expect(config).toMatchObject({ port: 0, queryPlanner: 'js', graphiql: false });
  });

  it('refuses an unknown planner and a subgraph URL that is not http(s)', () => {
    expect(() => routerConfig({ ...base, ROUTER_QUERY_PLANNER: 'apollo' })).toThrow(/ROUTER_QUERY_PLANNER/);
    expect(() => routerConfig({ ...base, MEDIA_URL: 'media:4004' })).toThrow(/MEDIA_URL/);
  });
});

describe('introspectUrlOf', () => {
  it('replaces the /graphql path with /internal/introspect', () => {
    expect(introspectUrlOf('http://127.0.0.1:4001/graphql')).toBe('http://127.0.0.1:4001/internal/introspect');
    expect(introspectUrlOf('https://gw.example/identity/graphql?x=1')).toBe('https://gw.example/identity/internal/introspect');
  });
});
