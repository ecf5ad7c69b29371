import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

type Send = (data: string, ...rest: unknown[]) => void;

/** Unsent bytes below which a message is confirmed before it is written (the router's and the subgraphs' WebSocket servers). */
export const CONFIRM_BELOW_BYTES = 64 * 1024;

/**
 * Makes the messages sent to a WebSocket client within one turn of the event loop leave in one
 * write, and confirms a send at once while fewer than `confirmBelow` bytes wait unsent.
 *
 * graphql-ws sends a subscriber's results one at a time, each after the previous one's write,
 * so every result was a system call of its own (at a few hundred events a second fanned out to
 * a hundred subscribers, writes were a quarter of the router's CPU), and a subscription could send
 * no more than one result per turn of a busy event loop. Corked until the turn ends,
 * a subscriber's queued results go out together; from `confirmBelow` on, a send is confirmed
 * only once written, so a client that does not read holds back its own results (and is closed
 * as too slow by the caller's limits) without growing memory.
 *
 * `tcp` is the upgraded request's socket, the one the WebSocket writes to.
 */
export function coalesceSends(ws: WebSocket, tcp: Socket, confirmBelow: number): void {
  const send = ws.send.bind(ws) as Send;
  let corked = false;
  const uncork = () => {
    corked = false;
    tcp.uncork();
  };
  const coalesced: Send = (data, ...rest) => {
    if (!corked) {
      corked = true;
      tcp.cork();
      setImmediate(uncork);
    }
    // only send(data, callback) is confirmed early; any other form (options, no callback) goes through as given
    const [callback] = rest;
    if (rest.length !== 1 || typeof callback !== 'function' || ws.bufferedAmount >= confirmBelow) {
      return send(data, ...rest);
    }
    send(data);
    queueMicrotask(() => callback());
  };
  (ws as unknown as { send: Send }).send = coalesced;
}
