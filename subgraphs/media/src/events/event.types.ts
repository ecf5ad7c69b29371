import type { RecognitionEventType } from '@argus/media-engine/client';

export type { RecognitionEventType };

/** A watchlist priority, as face and plate lists name it. */
export type MatchPriority = 'low' | 'medium' | 'high';

/** Priorities as numbers, for ordering, `minPriority` filters and the live feed's `maxPriority`. */
export const PRIORITY_RANK: Readonly<Record<MatchPriority, number>> = { low: 1, medium: 2, high: 3 };

export function priorityOfRank(rank: number | null): MatchPriority | null {
  return rank === 3 ? 'high' : rank === 2 ? 'medium' : rank === 1 ? 'low' : null;
}

/** One watchlist entry a face event matched (match_data of face events). */
export interface FaceMatchEntry {
  readonly face_id: number;
  readonly face_name: string | null;
  readonly facelist_id: number;
  readonly facelist_name: string;
  readonly similarity: number;
  readonly priority: MatchPriority | null;
}

/** One watchlist entry a plate event matched (match_data of plate events). */
export interface PlateMatchEntry {
  readonly plate_id: number;
  readonly plate_number: string | null;
  readonly platelist_id: number;
  readonly platelist_name: string;
  readonly similarity: number | null;
  readonly priority: MatchPriority | null;
}

export type MatchEntry = FaceMatchEntry | PlateMatchEntry;

/**
 * Where matching of an event stands: `none` (a type that is not matched), `pending` (to do or
 * to retry: watchlists did not answer), `done`, `failed` (retries exhausted).
 */
export type MatchState = 'none' | 'pending' | 'done' | 'failed';

/** A stored event as the services hand it to GraphQL. */
export interface EventView {
  readonly id: string;
  readonly event_type: RecognitionEventType;
  readonly camera_id: string;
  readonly organization_id: number;
  readonly place_id: number | null;
  readonly stream_server_id: string;
  readonly object_id: string;
  readonly event_action: string;
  readonly ts: Date;
  /** the event's data as the engine reported it (the face descriptor as `descriptor {data, norm}`) */
  readonly event_data: Record<string, unknown>;
  readonly match_state: MatchState;
  readonly match_data: MatchEntry[] | null;
  /** the highest priority among the matches (1 low, 2 medium, 3 high; 0 for matches of lists without one) */
  readonly max_priority: number | null;
  readonly snapshot_size: number | null;
}

/** A face event found by a descriptor, with its cosine similarity to it. */
export interface FaceSearchHit {
  readonly similarity: number;
  readonly event: EventView;
}

/** Which events a list or a count takes (a window of capture times and at most one of camera/place/group). */
export interface EventFilterInput {
  readonly from: Date;
  readonly to: Date;
  readonly eventTypes?: readonly RecognitionEventType[] | null;
  readonly cameraId?: string | null;
  readonly placeId?: number | null;
  readonly groupId?: number | null;
}

export type StatsBucketSize = 'hour' | 'day';

export interface EventTypeCountBucket {
  readonly start: Date;
  readonly face_recognition: number;
  readonly plate_recognition: number;
  readonly motion_detection: number;
  readonly line_crossing: number;
}

export interface EventMatchCountBucket {
  readonly start: Date;
  readonly low: number;
  readonly medium: number;
  readonly high: number;
  /** matched events whose lists have no priority */
  readonly none: number;
}

export interface EventCounts<B> {
  readonly bucket: StatsBucketSize;
  readonly buckets: B[];
}
