import type { PGlite } from '@electric-sql/pglite';
import type { ViewerCache } from './viewer-cache.js';
import { parseViewerChange, VIEWER_CHANGES_CHANNEL } from './viewer-changes.js';
import { SyncedFreshness, type ViewerFeed } from './viewer-feed.js';

/**
 * What travels between the process that owns the embedded database and a router in another process
 * of the same start: identity's change notices, and sync probes echoed back in order.
 */
export type RelayMessage =
  | { readonly argus: 'viewer-change'; readonly payload: string }
  | { readonly argus: 'viewer-sync'; readonly id: number };

/**
 * One end of the IPC channel between two processes of one start (node:cluster's or
 * child_process's): a pipe the parent created for its child, not a network socket, so nobody else
 * can write to it. Messages arrive in the order they were sent.
 */
export interface RelayPort {
  send(message: RelayMessage): void;
  /** calls `listener` with every message that comes; returns what stops it */
  listen(listener: (message: unknown) => void): () => void;
}

function isRelayMessage(message: unknown): message is RelayMessage {
  const kind = (message as { argus?: unknown } | null)?.argus;
  return kind === 'viewer-change' || kind === 'viewer-sync';
}

/** A probe not echoed after this long is given up and another is sent. */
const SYNC_RETRY_MS = 1_000;

/**
 * The owning process's side: listens to identity's notices on the embedded database and passes
 * each to every attached router process, in order, and echoes their sync probes on the same
 * channel, so an echo arrives after every notice that came before the probe.
 */
export interface ViewerChangeRelay {
  /** starts relaying to a port; returns what detaches it */
  attach(port: RelayPort): () => void;
  stop(): Promise<void>;
}

export async function relayViewerChanges(pglite: PGlite): Promise<ViewerChangeRelay> {
  const ports = new Set<RelayPort>();
  const unlisten = await pglite.listen(VIEWER_CHANGES_CHANNEL, (payload) => {
    for (const port of ports) port.send({ argus: 'viewer-change', payload });
  });
  return {
    attach(port) {
      ports.add(port);
      const stopListening = port.listen((message) => {
        if (isRelayMessage(message) && message.argus === 'viewer-sync' && ports.has(port))
          port.send({ argus: 'viewer-sync', id: message.id });
      });
      return () => {
        ports.delete(port);
        stopListening();
      };
    },
    async stop() {
      ports.clear();
      if (!pglite.closed) await unlisten().catch(() => undefined);
    },
  };
}

/**
 * A router's side: the notices relayed by the owning process applied to its cache. Like the
 * PostgreSQL server's feed it proves itself current with probes echoed by the relay: the cache
 * counts as current only while the last echoed probe was sent less than STALENESS_BOUND_MS ago,
 * so a notice the owning process received more than that long ago has been applied.
 */
export function relayedViewerFeed(
  port: RelayPort,
  cache: ViewerCache,
  now: () => number = () => performance.now(),
): ViewerFeed {
  let stopListening: (() => void) | undefined;
  let seq = 0;
  let pending: { id: number; sentAt: number } | undefined;
  const freshness = new SyncedFreshness(sync, now);

  function sync(): void {
    if (!stopListening) return;
    const at = now();
    if (pending && at - pending.sentAt < SYNC_RETRY_MS) return;
    seq += 1;
    pending = { id: seq, sentAt: at };
    port.send({ argus: 'viewer-sync', id: seq });
  }

  function receive(message: unknown): void {
    if (!isRelayMessage(message)) return;
    if (message.argus === 'viewer-change') cache.apply(parseViewerChange(message.payload));
    else if (pending && message.id === pending.id) {
      freshness.synced(pending.sentAt);
      pending = undefined;
    }
  }

  return {
    async start() {
      cache.clear();
      freshness.forget();
      pending = undefined;
      stopListening = port.listen(receive);
      sync();
      freshness.start();
    },
    current: () => freshness.current(stopListening !== undefined),
    async stop() {
      freshness.stop();
      stopListening?.();
      stopListening = undefined;
      cache.clear();
    },
  };
}
