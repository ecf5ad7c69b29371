import type { Logger } from '@argus/core';
import type { StreamStatusEvent } from '@argus/media-engine/client';

/** Where new transitions come from: the media engine's reader (read-only). */
export interface StatusEventSource {
  lastId(): Promise<number>;
  after(afterId: number, limit?: number): Promise<StreamStatusEvent[]>;
}

/** The media engine's published writer that turns lapsed leases into stored `offline` transitions. */
export interface LapsedLeases {
  record(): Promise<unknown>;
}

type Listener = (event: StreamStatusEvent) => void;

/**
 * Follows streaming.stream_status_events for subscriptions: while anyone listens, polls for rows
 * above the last id seen every `intervalMs` (one query per process, however many subscribers).
 * Polling works the same on PGlite and on a server, across processes, and a stream server may
 * write from anywhere; with a 1 s interval a transition reaches subscribers within about a second
 * of being stored. Each poll first has the engine's `LapsedLeaseRecorder` write down the cameras
 * of a stream server that died (its leases ran out under an `online`), so subscribers hear of it
 * within a second of the lease's expiry even when no other server takes the cameras over.
 */
export class StreamStatusFollower {
  private readonly listeners = new Set<Listener>();
  private lastId: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly source: StatusEventSource,
    private readonly lapses: LapsedLeases,
    private readonly intervalMs = 1000,
    private readonly logger?: Logger,
  ) {}

  /** Calls `listener` with every transition stored from now on; resolves once following, with the unsubscribe. */
  async listen(listener: Listener): Promise<() => void> {
    if (this.lastId === undefined) this.lastId = await this.source.lastId();
    this.listeners.add(listener);
    this.timer ??= setInterval(() => void this.poll(), this.intervalMs);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  /** Stops polling (the next listener starts again from the newest row). */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.lastId = undefined;
  }

  private poll(): Promise<void> {
    this.polling ??= (async () => {
      try {
        if (this.lastId === undefined) return;
        // a server that died says nothing: its lapsed leases become transitions here
        await this.lapses.record();
        for (;;) {
          const events = await this.source.after(this.lastId, 500);
          for (const event of events) {
            this.lastId = Math.max(this.lastId ?? 0, event.id);
            for (const listener of [...this.listeners]) listener(event);
          }
          if (events.length < 500) return;
        }
      } catch (err) {
        this.logger?.warn({ err: (err as Error).message }, 'polling stream status transitions failed');
      } finally {
        this.polling = undefined;
      }
    })();
    return this.polling;
  }
}
