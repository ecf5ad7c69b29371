import type { Kysely } from 'kysely';
import { statusDb } from './status-db.js';
import { availabilityOf, timelineOf, type TimelinePoint } from './status-timeline.js';
import { StreamStatusRepository, type LeaseHolder } from './stream-status.repository.js';
import {
  NO_STREAM_SERVER,
  type CurrentStreamStatus,
  type DowntimePeriod,
  type StreamStatusEvent,
  type StreamUptime,
} from './stream-status.types.js';

const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA = '3F000';

/** Leased, but the new owner has reported nothing yet. */
export const STARTING = 'starting';

/**
 * The read side of stream statuses for other parts (the media subgraph): a camera's status now,
 * its downtime periods and uptime, and the transitions after an id (for subscriptions). The
 * stored transitions are combined with the leases: a camera whose last word is `online` but that
 * no live server holds any more is offline (no stream server) from then on, even before a new
 * owner writes it down. Before any media engine migrated the `streaming` schema every camera is
 * offline with nothing recorded. Read-only: the one write other parts need without an engine
 * alive is `LapsedLeaseRecorder`'s.
 */
export class StreamStatusReader {
  private readonly repo: StreamStatusRepository;

  constructor(db: Kysely<any>) {
    this.repo = new StreamStatusRepository(statusDb(db));
  }

  /** The status of each camera now, in the order asked. */
  async current(cameraIds: readonly string[]): Promise<CurrentStreamStatus[]> {
    const [latest, holders] = await Promise.all([
      orEmpty(this.repo.latest(cameraIds)),
      orEmpty(this.repo.leases(cameraIds)),
    ]);
    const byCamera = new Map(latest.map((e) => [e.cameraId, e]));
    const held = new Map(holders.map((h) => [h.cameraId, h]));
    return cameraIds.map((id) => currentOf(id, byCamera.get(id), held.get(id)));
  }

  /** Offline periods of a camera, oldest first (the last open while it lasts). */
  async downtimes(cameraId: string): Promise<DowntimePeriod[]> {
    const [timeline] = await this.timelines([cameraId]);
    return timeline!.downtimes;
  }

  /** Lifetime (since the first transition) and availability of each camera, in the order asked. */
  async uptimes(cameraIds: readonly string[]): Promise<StreamUptime[]> {
    const timelines = await this.timelines(cameraIds);
    return cameraIds.map((cameraId, i) => ({
      cameraId,
      lifetimeSec: Math.round(timelines[i]!.lifetimeMs / 1000),
      availability: availabilityOf(timelines[i]!),
    }));
  }

  /** Transitions stored after `afterId`, oldest first. */
  after(afterId: number, limit?: number): Promise<StreamStatusEvent[]> {
    return orEmpty(this.repo.after(afterId, limit));
  }

  /** The id of the newest transition (0 when none). */
  async lastId(): Promise<number> {
    try {
      return await this.repo.lastId();
    } catch (err) {
      if (isMissingSchema(err)) return 0;
      throw err;
    }
  }

  private async timelines(cameraIds: readonly string[]) {
    const [history, current, now] = await Promise.all([
      orEmpty(this.repo.history(cameraIds)),
      this.current(cameraIds),
      this.now(),
    ]);
    const points = new Map<string, TimelinePoint[]>(cameraIds.map((id) => [id, []]));
    for (const e of history) points.get(e.cameraId)?.push(e);
    return cameraIds.map((id, i) => {
      const list = points.get(id)!;
      const last = list.at(-1);
      const c = current[i]!;
      // the lease ran out under an `online`: offline from then on, though nobody wrote it yet
      if (last && c.status === 'offline' && last.status === 'online' && c.since)
        list.push({ status: 'offline', reason: c.reason, at: c.since });
      return timelineOf(list, now);
    });
  }

  private async now(): Promise<Date> {
    try {
      return await this.repo.now();
    } catch {
      return new Date();
    }
  }
}

function currentOf(
  cameraId: string,
  last: StreamStatusEvent | undefined,
  lease: LeaseHolder | undefined,
): CurrentStreamStatus {
  const holder = lease?.valid ? lease : undefined;
  const server = { streamServerId: holder?.streamServerId ?? null, streamServerHost: holder?.host ?? null };
  if (!holder) {
    if (last?.status === 'online') {
      // since the lease ran out (when its row is still there), else since it was last said online
      const since = lease && lease.expiresAt > last.at ? lease.expiresAt : last.at;
      return { cameraId, status: 'offline', reason: NO_STREAM_SERVER, since, ...server };
    }
    return {
      cameraId,
      status: 'offline',
      reason: last?.reason ?? NO_STREAM_SERVER,
      since: last?.at ?? null,
      ...server,
    };
  }
  if (last && (last.streamServerId === holder.streamServerId || last.status === 'offline')) {
    return { cameraId, status: last.status, reason: last.reason, since: last.at, ...server };
  }
  return { cameraId, status: 'offline', reason: STARTING, since: holder.acquiredAt, ...server };
}

function isMissingSchema(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === UNDEFINED_TABLE || code === INVALID_SCHEMA;
}

async function orEmpty<T>(query: Promise<T[]>): Promise<T[]> {
  try {
    return await query;
  } catch (err) {
    if (isMissingSchema(err)) return [];
    throw err;
  }
}
