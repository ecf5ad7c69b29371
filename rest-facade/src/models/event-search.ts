import type { SearchFaceEventsQuery } from '../graphql/generated/operations.js';
import { toRestFaceEventMatch, toRestPlateEventMatch, type GraphqlPlateEvent } from './event.js';
import { cosine } from './event-match.js';
import type { RestSchema } from './rest.js';

/** A hit of searchFaceEvents as the searchFaceEvents document selects it. */
export type GraphqlFaceSearchHit = SearchFaceEventsQuery['searchFaceEvents'][number];

/** REST 17.1: the face events, best first, each with its similarity to the searched descriptor. */
export function toRestFaceSearch(hits: readonly GraphqlFaceSearchHit[]): RestSchema<'SearchFaceEventList'> {
  return { events: hits.map((hit) => ({ ...toRestFaceEventMatch(hit.event), similarity: cosine(hit.similarity) })) };
}

/** Upper case without spaces or dashes: how plates are read and kept. */
export function normalisedPlate(number: string): string {
  return number.toUpperCase().replace(/[\s-]+/g, '');
}

/**
 * REST 17.2: plate events whose number contains the searched one (normalised). similarity is the
 * share of the read number the searched one covers: 1 for the same number. Best first, newest first
 * among equals.
 */
export function toRestPlateSearch(
  events: readonly GraphqlPlateEvent[],
  searched: string,
): RestSchema<'SearchPlateEventList'> {
  const wanted = normalisedPlate(searched);
  const hits = events.map((event) => {
    const rest = toRestPlateEventMatch(event);
    const read = normalisedPlate(rest.event_data.plate_number.data);
    return { ...rest, similarity: read.length > 0 ? Math.min(1, wanted.length / read.length) : 0 };
  });
  return { events: hits.sort((a, b) => b.similarity - a.similarity || b.ts - a.ts) };
}
