import { randomUUID } from 'node:crypto';
import {
  type AuditRecorder,
  canSeeOrganization,
  InputValidationError,
  InvalidRequestError,
  isUuid,
  NotFoundError,
  QuotaExceededError,
  requirePermission,
  type Viewer,
} from '@argus/core';
import {
  signedClipUrl,
  type VideoClipReader,
  type VideoClipRow,
  type VideoClipStatus,
} from '@argus/media-engine/client';
import type { ClipWrites, RecordedRanges } from './video-clip-ports.js';
import type { TopologyCameras } from './topology-cameras.js';

export interface VideoClipServiceOptions {
  /** the clip rows (the engine's read model) */
  readonly clips: Pick<VideoClipReader, 'get' | 'list'>;
  /** inserting, queueing, aborting and removing clips (the engine's published writer) */
  readonly requests: ClipWrites;
  readonly cameras: Pick<TopologyCameras, 'visible'>;
  readonly recorded: RecordedRanges;
  readonly audit: AuditRecorder;
  /** ARGUS_INTERNAL_KEY: result URLs are signed with the `recordings` key derived from it */
  readonly internalKey: string;
  /** VIDEOCLIP_USER_QUOTA: unfinished (queued or running) clips one user may have */
  readonly userQuota: number;
  /** VIDEOCLIP_URL_TTL_SECONDS: how long a result URL stays valid */
  readonly urlTtlSeconds: number;
  /** how often a progress subscription reads the clip */
  readonly progressPollMs?: number;
  /** longest clip (VIDEOCLIP_MAX_SECONDS) */
  readonly maxSeconds?: number;
}

/** A clip as GraphQL answers it: the row, with its download URL once done. */
export interface VideoClipView extends VideoClipRow {
  readonly resultUrl: string | null;
}

export interface VideoClipListFilter {
  readonly cameraId?: string | null;
  readonly status?: VideoClipStatus | null;
  readonly createdFrom?: Date | null;
  readonly createdTo?: Date | null;
}

const FINISHED: ReadonlySet<VideoClipStatus> = new Set(['done', 'failed', 'aborted']);

/**
 * Video clips: requests are rows in `streaming.video_clips` plus a pg-boss job on the
 * camera's queue, written by the engine's `ClipRequests` and cut by the stream server holding the
 * camera's lease. A clip belongs to the organization of its camera's caller; others' clips are
 * not found.
 */
export class VideoClipService {
  constructor(private readonly o: VideoClipServiceOptions) {}

  async create(viewer: Viewer, input: { cameraId: string; rangeStart: Date; rangeEnd: Date }): Promise<VideoClipView> {
    requirePermission(viewer, 'videoclip_create');
    const { cameraId, rangeStart, rangeEnd } = input;
    if (Number.isNaN(rangeStart.getTime()))
      throw new InputValidationError('range_start must be a date-time', ['rangeStart']);
    if (Number.isNaN(rangeEnd.getTime())) throw new InputValidationError('range_end must be a date-time', ['rangeEnd']);
    const camera = isUuid(cameraId) ? await this.o.cameras.visible(viewer, cameraId) : null;
    if (!camera) throw new NotFoundError(`Camera ${cameraId} not found`, 'videoclip_camera_not_found');
    const maxMs = (this.o.maxSeconds ?? 6 * 3600) * 1000;
    if (!(rangeEnd.getTime() > rangeStart.getTime()))
      throw new InvalidRequestError('range_end must be after range_start', 'videoclip_invalid_time_range');
    if (rangeEnd.getTime() - rangeStart.getTime() > maxMs)
      throw new InvalidRequestError(
        `A clip may be at most ${maxMs / 1000} seconds long`,
        'videoclip_invalid_time_range',
      );
    // false: the lease holder says nothing is recorded; undefined: no engine can say now (checked when cut)
    if ((await this.o.recorded.hasRecording(camera.id, rangeStart.getTime(), rangeEnd.getTime())) === false) {
      throw new InvalidRequestError(
        "Nothing of this time range is in the camera's archive",
        'videoclip_invalid_time_range',
      );
    }
    const row = await this.o.requests.create(
      {
        id: randomUUID(),
        cameraId: camera.id,
        cameraName: camera.name,
        organizationId: viewer.organizationId,
        userId: viewer.userId,
        rangeStart,
        rangeEnd,
      },
      this.o.userQuota,
    );
    if (!row)
      throw new QuotaExceededError(
        `At most ${this.o.userQuota} video clips may be queued or running per user`,
        'videoclip_user_quota_exceeded',
      );
    await this.o.audit.record(viewer, {
      actionType: 'videoclip_create',
      organizationId: row.organization_id,
      meta: {
        videoclip_id: row.id,
        camera_id: row.camera_id,
        range_start: rangeStart.toISOString(),
        range_end: rangeEnd.toISOString(),
      },
    });
    return this.view(row);
  }

  async get(viewer: Viewer, id: string): Promise<VideoClipView | null> {
    requirePermission(viewer, 'videoclip_read');
    const row = await this.visible(viewer, id);
    return row ? this.view(row) : null;
  }

  async list(viewer: Viewer, filter: VideoClipListFilter): Promise<VideoClipView[]> {
    requirePermission(viewer, 'videoclip_read');
    if (filter.cameraId && !isUuid(filter.cameraId)) return [];
    const rows = await this.o.clips.list({
      organizationId: viewer.isSuperuser ? undefined : viewer.organizationId,
      cameraId: filter.cameraId ?? undefined,
      status: filter.status ?? undefined,
      createdFrom: filter.createdFrom ?? undefined,
      createdTo: filter.createdTo ?? undefined,
    });
    return rows.map((r) => this.view(r));
  }

  /**
   * An unfinished clip is aborted (its job cancelled, or its ffmpeg stopped by the worker within
   * a heartbeat) and stays listed as `aborted`; a finished one is removed (its file is removed by
   * its stream server's sweep).
   */
  async delete(viewer: Viewer, id: string): Promise<boolean> {
    requirePermission(viewer, 'videoclip_delete');
    const row = await this.visible(viewer, id);
    if (!row) throw new NotFoundError('Video clip not found');
    const aborted = FINISHED.has(row.status) ? undefined : await this.o.requests.abort(row);
    if (!aborted) await this.o.requests.delete(id);
    await this.o.audit.record(viewer, {
      actionType: 'videoclip_delete',
      organizationId: row.organization_id,
      meta: { videoclip_id: id, camera_id: row.camera_id, status: aborted ? 'aborted' : row.status },
    });
    return true;
  }

  /** The clip now, then every change of its status or progress, until it is finished (or gone). */
  async progress(viewer: Viewer, id: string): Promise<AsyncIterableIterator<VideoClipView>> {
    requirePermission(viewer, 'videoclip_read');
    const first = await this.visible(viewer, id);
    if (!first) throw new NotFoundError('Video clip not found');
    const pollMs = this.o.progressPollMs ?? 500;
    const clips = this.o.clips;
    const view = (row: VideoClipRow) => this.view(row);
    let stopped = false;
    let wake: (() => void) | undefined;
    async function* follow(): AsyncGenerator<VideoClipView> {
      let last = first!;
      yield view(last);
      while (!stopped && !FINISHED.has(last.status)) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (stopped) return;
        const row = await clips.get(id);
        if (!row) return;
        if (row.status !== last.status || row.progress !== last.progress) yield view(row);
        last = row;
      }
    }
    const inner = follow();
    const iterator: AsyncIterableIterator<VideoClipView> = {
      next: () => inner.next(),
      return: async () => {
        stopped = true;
        wake?.();
        return inner.return(undefined);
      },
      throw: (err: unknown) => inner.throw(err),
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private async visible(viewer: Viewer, id: string): Promise<VideoClipRow | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.o.clips.get(id);
    return row && canSeeOrganization(viewer, row.organization_id) ? row : undefined;
  }

  private view(row: VideoClipRow): VideoClipView {
    const expires = Math.floor(Date.now() / 1000) + this.o.urlTtlSeconds;
    const resultUrl =
      row.status === 'done' && row.served_from
        ? signedClipUrl(row.served_from, row.id, this.o.internalKey, expires)
        : null;
    return { ...row, resultUrl };
  }
}
