import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientIpOf, networkList } from './client-address.js';

const LOOPBACK = networkList('127.0.0.0/8,::1/128');

describe('clientAddress', () => {
  it('takes the socket address from a peer that is not a trusted proxy, whatever it claims', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', LOOPBACK)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, LOOPBACK)).toBe('203.0.113.9');
  });

  it('from a trusted proxy, takes the rightmost entry that is not a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', LOOPBACK)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 198.51.100.1', LOOPBACK)).toBe('198.51.100.1');
    expect(clientAddress('::1', '198.51.100.1, 127.0.0.1', LOOPBACK)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', '127.0.0.2', LOOPBACK)).toBe('127.0.0.2');
  });

  it('stops at an entry that is not an address', () => {
    expect(clientAddress('127.0.0.1', 'not-an-ip', LOOPBACK)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '', LOOPBACK)).toBe('127.0.0.1');
  });

  it('reads requests, with the configured proxies', () => {
    const req = {
      headers: { 'x-forwarded-for': '198.51.100.1' },
      socket: { remoteAddress: '10.1.2.3' },
    } as unknown as IncomingMessage;
    expect(clientIpOf(req)).toBe('10.1.2.3');
    expect(clientIpOf(req, networkList('10.0.0.0/8'))).toBe('198.51.100.1');
  });
});

describe('networkList', () => {
  it('accepts networks and single addresses of both families, and refuses anything else', () => {
    const list = networkList('10.0.0.0/8, 192.0.2.7, fc00::/7');
    expect(list.check('10.200.0.1', 'ipv4')).toBe(true);
    expect(list.check('192.0.2.7', 'ipv4')).toBe(true);
    expect(list.check('192.0.2.8', 'ipv4')).toBe(false);
    expect(list.check('fd00::1', 'ipv6')).toBe(true);
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/x', '::1/129']) expect(() => networkList(bad)).toThrow();
  });
});
