import type { PlateListInput, RestPlateListFragment, WatchlistPriority } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** GraphQL's WatchlistPriority. */
export type GraphqlPriority = WatchlistPriority;

/** The REST PlateListPriority. */
export type RestPriority = RestSchema<'PlateListPriority'>;

/** A plate list as the RestPlateList fragment selects it. */
export type GraphqlPlateList = RestPlateListFragment;

/** The REST PlateList model (14.x). */
export type RestPlateList = RestSchema<'PlateList'>;

export function toRestPlateList(list: GraphqlPlateList): RestPlateList {
  return {
    name: list.name,
    description: list.description ?? null,
    priority: list.priority ? (list.priority.toLowerCase() as RestPriority) : null,
    id: list.id,
    plate_count: list.plateCount,
  };
}

/** REST PlateListCreate / PlateListUpdate body → GraphQL PlateListInput (an absent field is null). */
export function toPlateListInput(body: {
  name: string;
  description?: string | null;
  priority?: RestPriority | null;
}): PlateListInput {
  return {
    name: body.name,
    description: body.description ?? null,
    priority: body.priority ? (body.priority.toUpperCase() as GraphqlPriority) : null,
  };
}
