import type { RestSchema } from './rest.js';
import type { FaceListInput, WatchlistPriority } from '../graphql/generated/operations.js';
/** A face list as the RestFaceList fragment selects it. */
export interface GraphqlFaceList {
  readonly id: number;
  readonly name: string;
  readonly description: string | null;
  readonly priority: string | null;
  readonly faceCount: number;
}

/** The REST FaceList model (4.x). */
export interface RestFaceList {
  name: string;
  description: string | null;
  priority: string | null;
  id: number;
  face_count: number;
}

export function toRestFaceList(list: GraphqlFaceList): RestFaceList {
  return {
    name: list.name,
    description: list.description ?? null,
    priority: list.priority ? list.priority.toLowerCase() : null,
    id: list.id,
    face_count: list.faceCount,
  };
}

export type RestFaceListBody = RestSchema<'FaceListCreate'> | RestSchema<'FaceListUpdate'>;

/** REST FaceListCreate / FaceListUpdate body → GraphQL FaceListInput; what is left out is null. */
export function toFaceListInput(body: RestFaceListBody): FaceListInput {
  return {
    name: body.name,
    description: body.description ?? null,
    priority: body.priority ? (body.priority.toUpperCase() as WatchlistPriority) : null,
  };
}
