import type { WebSocket } from 'ws';
import type { Logger } from '../logger.js';

/**
 * Largest WebSocket message the router and the subgraphs read (a larger one closes the socket with
 * 1009, message too big): GraphQL over WebSocket carries documents and variables, never files, and
 * ws would otherwise buffer up to 100 MiB per message and connection.
 */
export const MAX_WEBSOCKET_MESSAGE_BYTES = 1024 * 1024;

/**
 * A client's protocol error on `socket` (a message over the limit, invalid UTF-8, a bad frame: ws's
 * `WS_ERR_*` errors, after which ws has closed the socket with the matching code) is logged at info
 * level instead of reaching graphql-ws, which would print it to stderr as an internal error.
 */
export function logClientProtocolErrors(socket: WebSocket, logger: Logger): void {
  const emit = socket.emit.bind(socket) as (event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    const code = (args[0] as { code?: unknown } | undefined)?.code;
    if (event !== 'error' || typeof code !== 'string' || !code.startsWith('WS_ERR_')) return emit(event, ...args);
    logger.info({ code }, 'websocket client protocol error, closed');
    return true;
  }) as typeof socket.emit;
}
