import { UnavailableError } from '@argus/core';
import type { CameraOwnerReader, NewVideoClip, StreamServerClient, VideoClipRow } from '@argus/media-engine/client';

/** Whether anything of [fromMs, toMs) is recorded for the camera; undefined when no engine can say now. */
export interface RecordedRanges {
  hasRecording(cameraId: string, fromMs: number, toMs: number): Promise<boolean | undefined>;
}

/** The engine-owned clip writes the service uses (`ClipRequests` of `@argus/media-engine/client`). */
export interface ClipWrites {
  create(clip: NewVideoClip, quota: number): Promise<VideoClipRow | undefined>;
  abort(clip: Pick<VideoClipRow, 'id' | 'status'>): Promise<VideoClipRow | undefined>;
  delete(id: string): Promise<void>;
}

/**
 * What is recorded, asked of the stream server holding the camera's lease (its disk index over a
 * signed internal call). When no server holds it, or it registered no host or does not answer,
 * nobody can say now (the recordings are on the engines' disks): undefined, and the clip is queued
 * for the engine that takes the camera, which fails it if nothing of the range is recorded.
 */
export class OwnerRecordedRanges implements RecordedRanges {
  constructor(
    private readonly owners: Pick<CameraOwnerReader, 'ownerOf'>,
    private readonly servers: Pick<StreamServerClient, 'listSegments'>,
  ) {}

  async hasRecording(cameraId: string, fromMs: number, toMs: number): Promise<boolean | undefined> {
    const owner = await this.owners.ownerOf(cameraId);
    if (!owner) return undefined;
    try {
      return (await this.servers.listSegments(owner, fromMs, toMs, 1)).length > 0;
    } catch (err) {
      if (err instanceof UnavailableError) return undefined;
      throw err;
    }
  }
}
