import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { coalesceSends } from './coalesced-sends.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A WebSocket server whose connections send through coalesceSends, and a client of it. */
async function connect(confirmBelow: number) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const accepted = new Promise<{ ws: WebSocket; tcp: import('node:net').Socket }>((resolve) =>
    server.on('connection', (ws, request) => {
      coalesceSends(ws, request.socket, confirmBelow);
      resolve({ ws, tcp: request.socket });
    }),
  );
  await once(server, 'listening');
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data) => received.push(String(data)));
  await once(client, 'open');
  const { ws, tcp } = await accepted;
  return { server, client, ws, tcp, received };
}

describe('coalesced sends', () => {
  const open: { server: WebSocketServer; client: WebSocket }[] = [];
  afterEach(async () => {
    for (const { client, server } of open.splice(0)) {
      client.terminate();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('hold the messages of one turn in the socket and deliver every one, in order', async () => {
    const c = await connect(64 * 1024);
    open.push(c);
    const confirmed: number[] = [];
    for (let i = 0; i < 50; i++) c.ws.send(`message ${i}`, () => confirmed.push(i));
    // nothing has left yet: the socket is corked until the turn ends
    expect(c.tcp.writableCorked).toBe(1);
    expect(c.tcp.writableLength).toBeGreaterThan(50 * 'message 0'.length);
    await Promise.resolve();
    expect(confirmed).toHaveLength(50);
    await turn();
    expect(c.tcp.writableCorked).toBe(0);
    while (c.received.length < 50) await turn();
    expect(c.received).toEqual(Array.from({ length: 50 }, (_, i) => `message ${i}`));
  });

  it('confirm a send only once written when the unsent bytes reach the limit', async () => {
    const c = await connect(1024);
    open.push(c);
    const confirmed: number[] = [];
    const big = 'x'.repeat(600);
    for (let i = 0; i < 3; i++) c.ws.send(big, () => confirmed.push(i));
    await Promise.resolve();
    // the first two found nothing and ~600 bytes unsent; the third found ~1,200, over the limit
    expect(confirmed).toEqual([0, 1]);
    while (confirmed.length < 3) await turn();
    expect(confirmed).toEqual([0, 1, 2]);
    while (c.received.length < 3) await turn();
    expect(c.received).toEqual([big, big, big]);
  });

  it('pass sends with options or without a callback through unchanged, corked with the rest', async () => {
    const c = await connect(64 * 1024);
    open.push(c);
    const written: string[] = [];
    c.ws.send('plain');
    c.ws.send('with options', { binary: false }, () => written.push('with options'));
    expect(c.tcp.writableCorked).toBe(1);
    while (c.received.length < 2) await turn();
    expect(c.received).toEqual(['plain', 'with options']);
    expect(written).toEqual(['with options']);
  });
});
