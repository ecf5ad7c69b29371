import { InputValidationError, NotFoundError, requirePermission, UnavailableError, type Viewer } from '@argus/core';
import {
  indexPath,
  segmentPath,
  signedRecordingUrl,
  signingKey,
  type CameraOwner,
  type StreamServerClient,
} from '@argus/media-engine/client';
import type { TopologyCameras } from './topology-cameras.js';

/** A recorded segment with a signed URL on the stream server that holds it. */
export interface SignedSegment {
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly durationMs: number;
  readonly url: string;
  readonly signature: string;
  readonly expiresAt: Date;
}

/** A signed HLS playlist URL of a camera's recording over a range. */
export interface SignedSegmentIndex {
  readonly url: string;
  readonly signature: string;
  readonly expiresAt: Date;
  readonly from: Date;
  readonly to: Date;
}

/** Where the stream server ingesting a camera is found: the media engine's lease reader. */
export interface CameraOwnerDirectory {
  ownerOf(cameraId: string): Promise<CameraOwner | undefined>;
}

export interface RecordingServiceOptions {
  readonly cameras: Pick<TopologyCameras, 'visible'>;
  readonly owners: CameraOwnerDirectory;
  readonly servers: StreamServerClient;
  /** ARGUS_INTERNAL_KEY: the `recordings` signing key is derived from it */
  readonly internalKey: string;
  /** RECORDING_URL_TTL_SECONDS */
  readonly urlTtlSeconds: number;
  /** SNAPSHOT_MAX_AGE_MS: an older picture means the camera is down */
  readonly snapshotMaxAgeMs: number;
}

/**
 * Recorded segments, their playlist and camera snapshots. The camera must be visible to the
 * caller (topology decides; otherwise 404); the segments come from the disk index of the stream
 * server holding the camera's lease, so what retention deleted is never listed.
 */
export class RecordingService {
  private readonly key: Buffer;

  constructor(private readonly o: RecordingServiceOptions) {
    this.key = signingKey(o.internalKey, 'recordings');
  }

  async segments(viewer: Viewer, cameraId: string, from: Date, to: Date): Promise<SignedSegment[]> {
    requirePermission(viewer, 'segment_read');
    const { fromMs, toMs } = range(from, to);
    const owner = await this.owner(viewer, cameraId);
    const base = this.o.servers.baseUrl(owner);
    const listed = await this.o.servers.listSegments(owner, fromMs, toMs);
    const expires = this.expires();
    return listed.map((s) => {
      const { url, signature } = signedRecordingUrl(base, segmentPath(cameraId, s.relativePath), this.key, expires);
      return {
        startsAt: new Date(s.startMs),
        endsAt: new Date(s.endMs),
        durationMs: s.durationMs,
        url,
        signature,
        expiresAt: new Date(expires * 1000),
      };
    });
  }

  /** The playlist of [from, to) (by default everything recorded until now); null when nothing is recorded there. */
  async segmentsIndex(
    viewer: Viewer,
    cameraId: string,
    from?: Date | null,
    to?: Date | null,
  ): Promise<SignedSegmentIndex | null> {
    requirePermission(viewer, 'segment_read');
    const { fromMs, toMs } = range(from ?? new Date(0), to ?? new Date());
    const owner = await this.owner(viewer, cameraId);
    const base = this.o.servers.baseUrl(owner);
    if ((await this.o.servers.listSegments(owner, fromMs, toMs, 1)).length === 0) return null;
    const fromSec = Math.floor(fromMs / 1000);
    const toSec = Math.ceil(toMs / 1000);
    const expires = this.expires();
    const { url, signature } = signedRecordingUrl(base, indexPath(cameraId, fromSec, toSec), this.key, expires);
    return {
      url,
      signature,
      expiresAt: new Date(expires * 1000),
      from: new Date(fromSec * 1000),
      to: new Date(toSec * 1000),
    };
  }

  /** The camera's current JPEG; 503 when it is older than SNAPSHOT_MAX_AGE_MS (the camera is down). */
  async snapshot(viewer: Viewer | undefined, cameraId: string): Promise<{ jpeg: Buffer; takenAt: Date }> {
    const caller = requirePermission(viewer, 'camera_snapshot_read');
    const owner = await this.owner(caller, cameraId);
    const snapshot = await this.o.servers.snapshot(owner, this.o.snapshotMaxAgeMs);
    if (!snapshot) throw new UnavailableError('The camera has not sent a picture recently');
    return snapshot;
  }

  private async owner(viewer: Viewer, cameraId: string): Promise<CameraOwner> {
    if (!(await this.o.cameras.visible(viewer, cameraId))) throw new NotFoundError('Camera not found');
    const owner = await this.o.owners.ownerOf(cameraId);
    if (!owner) throw new UnavailableError('No stream server ingests this camera now');
    return owner;
  }

  private expires(): number {
    return Math.floor(Date.now() / 1000) + this.o.urlTtlSeconds;
  }
}

function range(from: Date, to: Date): { fromMs: number; toMs: number } {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (Number.isNaN(fromMs)) throw new InputValidationError('invalid time', ['from']);
  if (Number.isNaN(toMs)) throw new InputValidationError('invalid time', ['to']);
  if (!(toMs > fromMs)) throw new InputValidationError('ts_to must be after ts_from', ['to'], 'invalid');
  return { fromMs, toMs };
}
