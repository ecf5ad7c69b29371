import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '@argus/core';
import { sendRestError } from './rest-errors.js';
import { RequestAbortedError } from './multipart.js';

/** The path of a request, without its query. */
export const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0]!;

/** A route answering in the REST contract's shapes: domain errors become their REST status; an aborted request is dropped. */
export function restRoute(
  methods: readonly string[],
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Route {
  return async (req, res) => {
    if (!methods.includes(req.method ?? '')) {
      res.setHeader('allow', methods.join(', '));
      return sendRestMethodNotAllowed(res);
    }
    try {
      await handle(req, res);
    } catch (error) {
      // a client that went away, or an answer already under way, cannot be answered any more
      if (error instanceof RequestAbortedError || res.headersSent) {
        res.destroy();
        return;
      }
      if (!sendRestError(res, error)) throw error;
    }
  };
}

function sendRestMethodNotAllowed(res: ServerResponse): void {
  res.writeHead(405, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ detail: 'Method Not Allowed' }));
}
