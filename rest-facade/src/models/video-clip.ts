import type { RestVideoClipFragment, VideoClipStatus } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** REST VideoClipStatus. */
export type RestVideoClipStatus = RestSchema<'VideoClipStatus'>;

/** A video clip as the RestVideoClip fragment selects it (`status` is the GraphQL enum: QUEUED, RUNNING, …). */
export type GraphqlVideoClip = RestVideoClipFragment;

/** REST VideoClip (27.x). */
export type RestVideoClip = RestSchema<'VideoClip'>;

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
export function toRestVideoClipList(clips: readonly GraphqlVideoClip[]): RestSchema<'VideoClipList'> {
  return { pagination: { cursor: null }, videoclips: clips.map(toRestVideoClip) };
}

/** REST VideoClipStatus → the GraphQL enum. */
export function toGraphqlVideoClipStatus(status: string | undefined): VideoClipStatus | undefined {
  return status === undefined ? undefined : (status.toUpperCase() as VideoClipStatus);
}
