import type { Logger } from '@argus/core';
import { EVENT_REPORT_PATH, eventSnapshotPath, type RecognitionEventReport } from '../client/recognition-events.js';
import { signedInternalPost } from '../client/signed-request.js';
import { Backoff, type BackoffOptions } from '../ingest/backoff.js';
import { signingKey } from '../recording/signed-url.js';

export interface EventPublisherOptions {
  /** the media part's base URL (its internal routes are under it); a /graphql suffix is dropped */
  readonly mediaUrl: string;
  readonly internalKey: string;
  /** events waiting at most; when full the oldest is dropped (and counted) */
  readonly maxQueue?: number;
  readonly requestTimeoutMs?: number;
  readonly backoff?: BackoffOptions;
  readonly logger?: Logger;
}

export interface PublisherCounts {
  /** report and snapshot both accepted */
  sent: number;
  /** dropped because the queue was full (the oldest goes) */
  dropped: number;
  /** refused by the media part with a client error (not retried) */
  rejected: number;
  /** failed attempts that were retried */
  retries: number;
  /** snapshots that could not be encoded (their report is still sent) */
  snapshotFailures: number;
}

interface Item {
  readonly report: RecognitionEventReport;
  readonly snapshot: Promise<Buffer | undefined>;
  reported: boolean;
}

class Rejected extends Error {}

/**
 * Sends event reports to the media part: POST the report to EVENT_REPORT_PATH, then PUT its JPEG
 * snapshot to eventSnapshotPath(id), both signed with the internal key (`engine-internal`, body
 * bound by body_sha256). `publish` never waits: items go to a bounded queue sent in order by one
 * loop; a failed send (network, timeout, 5xx, 408, 429) is retried with exponential backoff, a
 * 4xx refusal drops the item. While the media part is down the queue fills and the oldest
 * items are dropped, so memory stays bounded (snapshots are queued as JPEG, not as frames).
 */
export class EventPublisher {
  private readonly queue: Item[] = [];
  private readonly key: Buffer;
  private readonly base: string;
  private readonly backoff: Backoff;
  private readonly maxQueue: number;
  private sending: Promise<void> | undefined;
  private stopped = false;
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;
  private lastDropLog = 0;
  readonly counts: PublisherCounts = { sent: 0, dropped: 0, rejected: 0, retries: 0, snapshotFailures: 0 };

  constructor(private readonly o: EventPublisherOptions) {
    this.key = signingKey(o.internalKey, 'engine-internal');
    this.base = o.mediaUrl.replace(/\/graphql\/?$/, '').replace(/\/+$/, '');
    this.backoff = new Backoff({ initialMs: 500, maxMs: 30_000, ...o.backoff });
    this.maxQueue = Math.max(1, o.maxQueue ?? 1000);
  }

  /** events waiting to be sent (the one being sent included) */
  get queued(): number {
    return this.queue.length;
  }

  publish(report: RecognitionEventReport, snapshot: Promise<Buffer>): void {
    if (this.stopped) return;
    const guarded = snapshot.catch((err: unknown) => {
      this.counts.snapshotFailures++;
      this.o.logger?.warn({ err, event: report.eventId }, 'event snapshot could not be encoded');
      return undefined;
    });
    this.queue.push({ report, snapshot: guarded, reported: false });
    while (this.queue.length > this.maxQueue) {
      this.queue.splice(this.sending ? 1 : 0, 1);
      this.counts.dropped++;
      if (Date.now() - this.lastDropLog > 10_000) {
        this.lastDropLog = Date.now();
        this.o.logger?.warn(
          { dropped: this.counts.dropped, queue: this.maxQueue },
          'event queue full; oldest events dropped',
        );
      }
    }
    this.sending ??= this.loop();
  }

  /** Stops taking events; waits up to graceMs for the queue to drain, then gives up on the rest. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([this.sending ?? Promise.resolve(), deadline]);
    this.queue.length = 0;
    this.abort.abort();
    this.wake?.();
    await this.sending;
  }

  /** Resolves once nothing is queued (tests, benchmarks). */
  async drained(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async loop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const item = this.queue[0]!;
        try {
          await this.send(item);
          this.counts.sent++;
          this.backoff.reset();
        } catch (err) {
          if (err instanceof Rejected) {
            this.counts.rejected++;
            this.o.logger?.warn({ event: item.report.eventId, err: err.message }, 'event refused by the media part');
          } else {
            this.counts.retries++;
            const delayMs = this.backoff.next();
            this.o.logger?.warn(
              { event: item.report.eventId, err: (err as Error).message, delayMs },
              'event report failed; retrying',
            );
            await this.sleep(delayMs);
            continue;
          }
        }
        if (this.queue[0] === item) this.queue.shift();
      }
    } finally {
      this.sending = undefined;
    }
  }

  private async send(item: Item): Promise<void> {
    if (!item.reported) {
      const body = JSON.stringify(item.report);
      const url = signedInternalPost(new URL(this.base + EVENT_REPORT_PATH), body, this.key);
      await this.request(url, 'POST', body, 'application/json');
      item.reported = true;
    }
    const jpeg = await item.snapshot;
    if (!jpeg) return;
    const url = signedInternalPost(new URL(this.base + eventSnapshotPath(item.report.eventId)), jpeg, this.key);
    await this.request(url, 'PUT', jpeg, 'image/jpeg');
  }

  private async request(url: URL, method: string, body: string | Buffer, type: string): Promise<void> {
    const response = await fetch(url, {
      method,
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : Uint8Array.from(body),
      signal: AbortSignal.any([AbortSignal.timeout(this.o.requestTimeoutMs ?? 10_000), this.abort.signal]),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.ok) return;
    const retry = response.status >= 500 || response.status === 408 || response.status === 429;
    const message = `${method} ${url.pathname} answered HTTP ${response.status}`;
    throw retry ? new Error(message) : new Rejected(message);
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
