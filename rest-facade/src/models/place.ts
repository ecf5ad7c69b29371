import type { PlaceInput, RestPlaceFragment } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A place as the RestPlace fragment selects it. */
export type GraphqlPlace = RestPlaceFragment;

/** The REST Place model (12.x; GroupPlace of 6.10 has the same fields). */
export type RestPlace = RestSchema<'Place'>;

export function toRestPlace(place: GraphqlPlace): RestPlace {
  return {
    name: place.name,
    description: place.description ?? null,
    latitude: place.latitude ?? null,
    longitude: place.longitude ?? null,
    id: place.id,
    created_at: place.createdAt,
    updated_at: place.updatedAt,
    plan_count: place.planCount,
    camera_count: place.cameraCount,
  };
}

/** REST PlaceCreate / PlaceUpdate body → GraphQL PlaceInput. */
export function toPlaceInput(body: {
  name: string;
  description?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}): PlaceInput {
  return {
    name: body.name,
    description: body.description ?? null,
    latitude: body.latitude ?? null,
    longitude: body.longitude ?? null,
  };
}
