import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { Logger } from '@argus/core';
import type { CameraIngest } from './camera-ingest.js';
import { CameraLeaseRepository } from './camera-lease.repository.js';
import { camerasOwnedBy } from './rendezvous.js';
import type { CameraDirectory, ScheduledCamera } from './scheduled-camera.js';
import { StreamServerRepository, type StreamServerRegistration } from './stream-server.repository.js';
import { streamingDb } from './streaming-db.js';

export interface StreamServerNodeOptions {
  /** this server: id, group, tags, host and its TTL (heartbeats and leases) */
  readonly server: StreamServerRegistration;
  /** period of the heartbeat, which also renews the leases and reschedules */
  readonly heartbeatMs: number;
  /**
   * Ingest stops this long before the lease could expire when it cannot be renewed, so that it
   * has ended before another server may take the camera (covers stopping ffmpeg).
   */
  readonly leaseGuardMs: number;
  /** the database holding the `streaming` schema (migrated) */
  readonly db: Kysely<any>;
  readonly cameras: CameraDirectory;
  readonly ingest: CameraIngest;
  readonly logger?: Logger;
}

export type StopReason = 'moved' | 'lease lost' | 'lease not renewed' | 'settings changed' | 'shutdown';

export interface StreamServerNodeEvents {
  /** ingest of a camera started, after its lease was acquired */
  acquired: [{ cameraId: string }];
  /** ingest of a camera stopped (and its lease released, unless lost) */
  released: [{ cameraId: string; reason: StopReason }];
  /** one scheduling round ended */
  tick: [{ live: string[]; wanted: string[]; held: string[] }];
}

interface Held {
  camera: ScheduledCamera;
  fingerprint: string;
  acquiredAt: Date;
  /** local time after which the lease may no longer be valid: ingest must be stopped by then */
  deadline: number;
}

/**
 * One stream server in the cluster. Every `heartbeatMs`: heartbeat → live servers → cameras →
 * the cameras this server should ingest (rendezvous hashing over live matching servers) → stop
 * and release the others → acquire/renew the leases of its cameras in one statement → start
 * ingest only for cameras whose lease it holds. A guard stops ingest whose lease was not renewed
 * in time. stop() stops all ingest, releases the leases and deregisters.
 */
export class StreamServerNode extends EventEmitter<StreamServerNodeEvents> {
  readonly id: string;
  private readonly servers: StreamServerRepository;
  private readonly leases: CameraLeaseRepository;
  private readonly held = new Map<string, Held>();
  /** per camera, the last ingest operation: starts and stops of one camera never overlap */
  private readonly ops = new Map<string, Promise<void>>();
  private lastCameras: ScheduledCamera[] | undefined;
  private registered = false;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private guard: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private readonly log: Logger | undefined;

  constructor(private readonly o: StreamServerNodeOptions) {
    super();
    if (o.leaseGuardMs >= o.server.ttlMs) throw new Error('the lease guard must be shorter than the TTL');
    if (o.heartbeatMs >= o.server.ttlMs - o.leaseGuardMs)
      throw new Error('the heartbeat must come well within the TTL minus the lease guard');
    this.id = o.server.id;
    const db = streamingDb(o.db);
    this.servers = new StreamServerRepository(db);
    this.leases = new CameraLeaseRepository(db);
    this.log = o.logger?.child({ streamserver: this.id });
  }

  /** Registers, runs a first round (a database failure throws), then keeps going every heartbeatMs. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.round(true);
    const every = Math.max(50, Math.min(250, Math.floor(this.o.leaseGuardMs / 4)));
    this.guard = setInterval(() => this.enforceDeadlines(), every);
    this.schedule(this.o.heartbeatMs);
    this.log?.info(
      {
        group: this.o.server.group,
        tags: this.o.server.tags,
        heartbeatMs: this.o.heartbeatMs,
        ttlMs: this.o.server.ttlMs,
      },
      'stream server registered',
    );
  }

  /** Stops every ingest, releases every lease and deregisters. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearTimeout(this.timer);
    clearInterval(this.guard);
    await this.current?.catch(() => undefined);
    await Promise.all([...this.held.keys()].map((cameraId) => this.stopIngest(cameraId, 'shutdown')));
    await Promise.all([...this.ops.values()]);
    try {
      await this.leases.releaseAll(this.id);
      await this.servers.remove(this.id);
    } catch (err) {
      this.log?.warn({ err }, 'could not deregister; the leases expire by themselves');
    }
    this.log?.info('stream server deregistered');
  }

  /** Cameras being ingested under a lease, with when the lease was acquired. */
  owned(): { cameraId: string; acquiredAt: Date }[] {
    return [...this.held.entries()]
      .map(([cameraId, h]) => ({ cameraId, acquiredAt: h.acquiredAt }))
      .sort((a, b) => a.cameraId.localeCompare(b.cameraId));
  }

  /** Runs a scheduling round now (tests); rounds never overlap. */
  async tickNow(): Promise<void> {
    await this.round(false);
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      if (!this.running) return;
      const startedAt = Date.now();
      this.round(false)
        .catch((err: unknown) => this.log?.warn({ err }, 'scheduling round failed'))
        .finally(() => this.schedule(Math.max(0, this.o.heartbeatMs - (Date.now() - startedAt))));
    }, delayMs);
  }

  private async round(first: boolean): Promise<void> {
    while (this.current) await this.current.catch(() => undefined);
    const run = this.runRound(first);
    this.current = run;
    try {
      await run;
    } finally {
      this.current = undefined;
    }
  }

  private async runRound(first: boolean): Promise<void> {
    await this.servers.heartbeat(this.o.server, first && !this.registered);
    this.registered = true;
    const live = await this.servers.listLive();
    const cameras = await this.listCameras();
    const wanted = new Map(camerasOwnedBy(this.id, cameras, live).map((c) => [c.id, c]));

    for (const [cameraId, held] of [...this.held]) {
      const camera = wanted.get(cameraId);
      if (!camera) {
        // stop first, release after: the next owner cannot start before this ingest has ended
        await this.stopIngest(cameraId, 'moved');
        await this.leases.release(this.id, [cameraId]);
      } else if (fingerprint(camera) !== held.fingerprint) {
        await this.stopIngest(cameraId, 'settings changed');
      }
    }

    const claimedAt = Date.now();
    const got = await this.leases.claim(this.id, [...wanted.keys()], this.o.server.ttlMs);
    const deadline = claimedAt + this.o.server.ttlMs - this.o.leaseGuardMs;
    const gotIds = new Set(got.map((g) => g.cameraId));
    for (const cameraId of [...this.held.keys()]) {
      if (!gotIds.has(cameraId)) await this.stopIngest(cameraId, 'lease lost');
    }
    if (Date.now() < deadline) {
      for (const { cameraId, acquiredAt } of got) {
        const held = this.held.get(cameraId);
        if (held) held.deadline = deadline;
        else this.startIngest(wanted.get(cameraId)!, acquiredAt, deadline);
      }
    }
    this.emit('tick', {
      live: live.map((s) => s.id),
      wanted: [...wanted.keys()].sort(),
      held: [...this.held.keys()].sort(),
    });
    if (first) await this.servers.forgetGone();
  }

  private async listCameras(): Promise<ScheduledCamera[]> {
    try {
      this.lastCameras = await this.o.cameras.list();
    } catch (err) {
      this.log?.warn({ err: (err as Error).message }, 'cannot list cameras; keeping the last list');
    }
    return this.lastCameras ?? [];
  }

  private startIngest(camera: ScheduledCamera, acquiredAt: Date, deadline: number): void {
    this.held.set(camera.id, { camera, fingerprint: fingerprint(camera), acquiredAt, deadline });
    this.log?.info({ camera: camera.id, recording: camera.recording }, 'camera acquired; ingest starting');
    this.chain(camera.id, async () => {
      try {
        this.o.ingest.start(camera);
      } catch (err) {
        // e.g. settings ffmpeg cannot take: keep the lease (no other server could do better), retry next round
        this.held.delete(camera.id);
        throw err;
      }
      this.emit('acquired', { cameraId: camera.id });
    });
  }

  private stopIngest(cameraId: string, reason: StopReason): Promise<void> {
    if (!this.held.delete(cameraId)) return this.ops.get(cameraId) ?? Promise.resolve();
    const log =
      reason === 'lease lost' || reason === 'lease not renewed'
        ? this.log?.warn.bind(this.log)
        : this.log?.info.bind(this.log);
    log?.({ camera: cameraId, reason }, 'camera ingest stopping');
    return this.chain(cameraId, async () => {
      await this.o.ingest.stop(cameraId);
      this.emit('released', { cameraId, reason });
    });
  }

  private chain(cameraId: string, op: () => Promise<void>): Promise<void> {
    const next = (this.ops.get(cameraId) ?? Promise.resolve()).then(op).catch((err: unknown) => {
      this.log?.error({ err, camera: cameraId }, 'ingest operation failed');
    });
    this.ops.set(cameraId, next);
    void next.then(() => {
      if (this.ops.get(cameraId) === next) this.ops.delete(cameraId);
    });
    return next;
  }

  /** Ingest whose lease was not renewed in time stops, whatever the round is waiting for. */
  private enforceDeadlines(): void {
    const now = Date.now();
    for (const [cameraId, held] of this.held) {
      if (now >= held.deadline) void this.stopIngest(cameraId, 'lease not renewed');
    }
  }
}

/** What, when it changes, makes the ingest of a camera restart. */
function fingerprint(camera: ScheduledCamera): string {
  return JSON.stringify([
    camera.source.url,
    camera.source.username,
    camera.source.password,
    camera.source.transport,
    camera.recording,
  ]);
}
