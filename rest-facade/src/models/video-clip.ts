import type { VideoClipStatus } from '../graphql/generated/operations.js';
/** REST VideoClipStatus. */
export type RestVideoClipStatus = 'queued' | 'running' | 'failed' | 'aborted' | 'done';

/** A video clip as the videoclip operation documents select it (`status` is the GraphQL enum: QUEUED, RUNNING, …). */
export interface GraphqlVideoClip {
  readonly id: string;
  readonly cameraId: string;
  readonly cameraName: string;
  readonly rangeStart: string;
  readonly rangeEnd: string;
  readonly status: Uppercase<RestVideoClipStatus>;
  readonly progress: number;
  readonly resultUrl: string | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** REST VideoClip (27.x). */
export interface RestVideoClip {
  id: string;
  camera_id: string;
  camera_name: string;
  range_start: string;
  range_end: string;
  created_at: string;
  finished_at: string | null;
  progress: number;
  result: { url: string } | null;
  status: RestVideoClipStatus;
}

export function toRestVideoClip(clip: GraphqlVideoClip): RestVideoClip {
  return {
    id: clip.id,
    camera_id: clip.cameraId,
    camera_name: clip.cameraName,
    range_start: clip.rangeStart,
    range_end: clip.rangeEnd,
    created_at: clip.createdAt,
    finished_at: clip.finishedAt,
    progress: clip.progress,
    result: clip.resultUrl ? { url: clip.resultUrl } : null,
    status: clip.status.toLowerCase() as RestVideoClipStatus,
  };
}

/** REST VideoClipList: every matching clip on one page (the spec declares no cursor or limit for 27.1). */
export function toRestVideoClipList(clips: readonly GraphqlVideoClip[]): {
  pagination: { cursor: null };
  videoclips: RestVideoClip[];
} {
  return { pagination: { cursor: null }, videoclips: clips.map(toRestVideoClip) };
}

/** REST VideoClipStatus → the GraphQL enum. */
export function toGraphqlVideoClipStatus(status: string | undefined): VideoClipStatus | undefined {
  return status === undefined ? undefined : (status.toUpperCase() as VideoClipStatus);
}
