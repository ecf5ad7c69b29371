import type { CameraIngest } from '../src/cluster/camera-ingest.js';
import type { ScheduledCamera } from '../src/cluster/scheduled-camera.js';

/** One camera ingested by one server from `from` to `to` (still running: undefined). */
export interface IngestInterval {
  cameraId: string;
  serverId: string;
  from: number;
  to: number | undefined;
}

/**
 * For tests: what every fake ingest of a cluster did, on one timeline. `overlaps()` lists every
 * time two servers ingested the same camera at once.
 */
export class IngestLedger {
  readonly intervals: IngestInterval[] = [];

  ingest(serverId: string): FakeIngest {
    return new FakeIngest(serverId, this);
  }

  /** Cameras each server ingests now. */
  running(serverId?: string): string[] {
    return this.intervals
      .filter((i) => i.to === undefined && (serverId === undefined || i.serverId === serverId))
      .map((i) => i.cameraId)
      .sort();
  }

  /** Which server ingests each camera now. */
  owners(): Map<string, string> {
    return new Map(this.intervals.filter((i) => i.to === undefined).map((i) => [i.cameraId, i.serverId]));
  }

  overlaps(): [IngestInterval, IngestInterval][] {
    const found: [IngestInterval, IngestInterval][] = [];
    for (const [n, a] of this.intervals.entries()) {
      for (const b of this.intervals.slice(n + 1)) {
        if (a.cameraId !== b.cameraId || a.serverId === b.serverId) continue;
        if (a.from < (b.to ?? Infinity) && b.from < (a.to ?? Infinity)) found.push([a, b]);
      }
    }
    return found;
  }

  /** A server that died: its ingest ends now without it being told (as ffmpeg dies with a killed engine). */
  kill(serverId: string): void {
    const now = performance.now();
    for (const i of this.intervals) if (i.serverId === serverId && i.to === undefined) i.to = now;
  }
}

/** An ingest that only records its start and stop calls in a ledger. */
export class FakeIngest implements CameraIngest {
  constructor(
    readonly serverId: string,
    private readonly ledger: IngestLedger,
  ) {}

  start(camera: ScheduledCamera): void {
    if (this.current(camera.id)) throw new Error(`${this.serverId} started ${camera.id} twice`);
    this.ledger.intervals.push({
      cameraId: camera.id,
      serverId: this.serverId,
      from: performance.now(),
      to: undefined,
    });
  }

  async stop(cameraId: string): Promise<void> {
    const interval = this.current(cameraId);
    if (interval) interval.to = performance.now();
  }

  status(cameraId: string) {
    return this.current(cameraId) ? { status: 'online' as const, reason: null } : undefined;
  }

  private current(cameraId: string): IngestInterval | undefined {
    return this.ledger.intervals.find(
      (i) => i.serverId === this.serverId && i.cameraId === cameraId && i.to === undefined,
    );
  }
}
