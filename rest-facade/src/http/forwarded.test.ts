import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { forwardedHeaders, requestIdOf } from './forwarded.js';

const request = (headers: Record<string, string>, remoteAddress = '::ffff:192.0.2.10') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('forwardedHeaders', () => {
  it('passes the bearer token, the request id and the socket address', () => {
    expect(forwardedHeaders(request({ authorization: 'Bearer abc' }), 'r-1', false)).toEqual({
      authorization: 'Bearer abc',
      'x-request-id': 'r-1',
      'x-forwarded-for': '192.0.2.10',
    });
  });

  it('keeps other authorization schemes to itself', () => {
    expect(
      forwardedHeaders(request({ authorization: 'Basic Y2xpZW50OnNlY3JldA==' }), 'r-1', false).authorization,
    ).toBeUndefined();
  });

  it('ignores a client-sent x-forwarded-for unless the proxy is trusted', () => {
    const req = request({ 'x-forwarded-for': '203.0.113.5, 10.0.0.2' }, '10.0.0.3');
    expect(forwardedHeaders(req, 'r', false)['x-forwarded-for']).toBe('10.0.0.3');
  });

  it('behind a trusted proxy, takes the address that proxy appended, never what the client claimed', () => {
    const spoofed = request({ 'x-forwarded-for': '198.51.100.1, 203.0.113.5' }, '10.0.0.3');
    expect(forwardedHeaders(spoofed, 'r', true)['x-forwarded-for']).toBe('203.0.113.5');
    expect(forwardedHeaders(request({ 'x-forwarded-for': 'garbage' }, '10.0.0.3'), 'r', true)['x-forwarded-for']).toBe(
      '10.0.0.3',
    );
    expect(forwardedHeaders(request({}, '10.0.0.3'), 'r', true)['x-forwarded-for']).toBe('10.0.0.3');
  });
});

describe('requestIdOf', () => {
  it("keeps a sane caller's id and replaces anything else", () => {
    expect(requestIdOf(request({ 'x-request-id': 'abc-123' }))).toBe('abc-123');
    expect(requestIdOf(request({ 'x-request-id': 'bad id\nwith newline' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(request({}))).toMatch(/^[0-9a-f-]{36}$/);
  });
});
