import type {
  RestFaceEventMatchesFragment,
  RestPlateEventMatchesFragment,
  WatchlistPriority,
} from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A watchlist entry an event matched, as the RestFaceEventMatches / RestPlateEventMatches fragments select it. */
export type GraphqlFaceMatchEntry = RestFaceEventMatchesFragment['faceMatches'][number];
export type GraphqlPlateMatchEntry = RestPlateEventMatchesFragment['plateMatches'][number];

export type RestMatchPriority = RestSchema<'FaceListPriority'>;

export type RestFaceMatch = RestSchema<'EventFaceMatchData'>;

export type RestPlateMatch = RestSchema<'EventPlateMatchData'>;

/** GraphQL WatchlistPriority (LOW/MEDIUM/HIGH) → the spec's low/medium/high. */
export function toRestPriority(priority: WatchlistPriority | null | undefined): RestMatchPriority | null {
  const value = priority?.toLowerCase();
  return value === 'low' || value === 'medium' || value === 'high' ? value : null;
}

/** The spec's match_data entry of a face event (3.3 option 1). */
export function toRestFaceMatch(entry: GraphqlFaceMatchEntry): RestFaceMatch {
  return {
    face_id: entry.faceId,
    facelist_id: entry.faceListId,
    similarity: cosine(entry.similarity),
    face_name: entry.faceName ?? null,
    facelist_name: entry.faceListName,
    priority: toRestPriority(entry.priority),
  };
}

/** The spec's match_data entry of a plate event (3.3 option 2). */
export function toRestPlateMatch(entry: GraphqlPlateMatchEntry): RestPlateMatch {
  return {
    plate_id: entry.plateId,
    platelist_id: entry.plateListId,
    plate_number: entry.plateNumber ?? null,
    similarity: entry.similarity ?? null,
    platelist_name: entry.plateListName,
    priority: toRestPriority(entry.priority),
  };
}

/** A cosine similarity within the spec's -1..1 (float32 rounding can put the same vector at 1.0000001). */
export function cosine(similarity: number): number {
  return Math.min(1, Math.max(-1, similarity));
}
