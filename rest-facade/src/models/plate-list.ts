import type { PlateListInput } from '../graphql/generated/operations.js';
/** GraphQL's WatchlistPriority. */
export type GraphqlPriority = 'LOW' | 'MEDIUM' | 'HIGH';

/** The REST PlateListPriority. */
export type RestPriority = 'low' | 'medium' | 'high';

/** A plate list as the RestPlateList fragment selects it. */
export interface GraphqlPlateList {
  readonly id: number;
  readonly name: string;
  readonly description?: string | null;
  readonly priority?: GraphqlPriority | null;
  readonly plateCount: number;
}

/** The REST PlateList model (14.x). */
export interface RestPlateList {
  name: string;
  description: string | null;
  priority: RestPriority | null;
  id: number;
  plate_count: number;
}

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
