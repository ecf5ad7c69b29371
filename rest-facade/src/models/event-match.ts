/** A watchlist entry an event matched, as the RestEventMatchData fragment selects it. */
export interface GraphqlEventMatchEntry {
  readonly __typename?: string;
  readonly faceId?: number;
  readonly faceName?: string | null;
  readonly faceListId?: number;
  readonly faceListName?: string;
  readonly plateId?: number;
  readonly plateNumber?: string | null;
  readonly plateListId?: number;
  readonly plateListName?: string;
  readonly similarity?: number | null;
  readonly priority?: string | null;
}

export type RestMatchPriority = 'low' | 'medium' | 'high';

export interface RestFaceMatch {
  face_id: number;
  facelist_id: number;
  similarity: number;
  face_name: string | null;
  facelist_name: string;
  priority: RestMatchPriority | null;
}

export interface RestPlateMatch {
  plate_id: number;
  platelist_id: number;
  plate_number: string | null;
  similarity: number | null;
  platelist_name: string;
  priority: RestMatchPriority | null;
}

/** GraphQL WatchlistPriority (LOW/MEDIUM/HIGH) → the spec's low/medium/high. */
export function toRestPriority(priority: string | null | undefined): RestMatchPriority | null {
  const value = priority?.toLowerCase();
  return value === 'low' || value === 'medium' || value === 'high' ? value : null;
}

/** The spec's match_data entry of a face (3.3 option 1) or plate (option 2) event. */
export function toRestMatch(eventType: string, entry: GraphqlEventMatchEntry): RestFaceMatch | RestPlateMatch {
  if (eventType === 'face_recognition')
    return {
      face_id: entry.faceId!,
      facelist_id: entry.faceListId!,
      similarity: cosine(entry.similarity ?? 0),
      face_name: entry.faceName ?? null,
      facelist_name: entry.faceListName ?? '',
      priority: toRestPriority(entry.priority),
    };
  return {
    plate_id: entry.plateId!,
    platelist_id: entry.plateListId!,
    plate_number: entry.plateNumber ?? null,
    similarity: entry.similarity ?? null,
    platelist_name: entry.plateListName ?? '',
    priority: toRestPriority(entry.priority),
  };
}

/** A cosine similarity within the spec's -1..1 (float32 rounding can put the same vector at 1.0000001). */
export function cosine(similarity: number): number {
  return Math.min(1, Math.max(-1, similarity));
}
