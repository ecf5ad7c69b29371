import type { FaceListInput, RestFaceListFragment, WatchlistPriority } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A face list as the RestFaceList fragment selects it. */
export type GraphqlFaceList = RestFaceListFragment;

/** The REST FaceList model (4.x). */
export type RestFaceList = RestSchema<'FaceList'>;

export function toRestFaceList(list: GraphqlFaceList): RestFaceList {
  return {
    name: list.name,
    description: list.description ?? null,
    priority: list.priority ? (list.priority.toLowerCase() as RestSchema<'FaceListPriority'>) : null,
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
