import type { PlateInput, RestPlateFragment } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A plate as the RestPlate fragment selects it. */
export type GraphqlPlate = RestPlateFragment;

/** The REST Plate model (15.x, 14.8): the number as entered, dates YYYY-MM-DD. */
export type RestPlate = RestSchema<'Plate'>;

export function toRestPlate(plate: GraphqlPlate): RestPlate {
  return {
    number: plate.number,
    owner_full_name: plate.ownerFullName ?? null,
    owner_document_number: plate.ownerDocumentNumber ?? null,
    owner_birth_date: plate.ownerBirthDate ?? null,
    vehicle_manufacturer: plate.vehicleManufacturer ?? null,
    vehicle_model: plate.vehicleModel ?? null,
    vehicle_type: plate.vehicleType ?? null,
    vehicle_manufacture_date: plate.vehicleManufactureDate ?? null,
    vehicle_color: plate.vehicleColor ?? null,
    vehicle_image_id: plate.vehicleImageId ?? null,
    id: plate.id,
    vehicle_image_url: plate.vehicleImageUrl ?? null,
  };
}

/** The REST PlateCreate / PlateUpdate body. */
export interface RestPlateBody {
  number: string;
  owner_full_name?: string | null;
  owner_document_number?: string | null;
  owner_birth_date?: string | null;
  vehicle_manufacturer?: string | null;
  vehicle_model?: string | null;
  vehicle_type?: string | null;
  vehicle_manufacture_date?: string | null;
  vehicle_color?: string | null;
  vehicle_image_id?: string | null;
}

/** REST PlateCreate / PlateUpdate body → GraphQL PlateInput (an absent field is null: PUT replaces the whole plate). */
export function toPlateInput(body: RestPlateBody): PlateInput {
  return {
    number: body.number,
    ownerFullName: body.owner_full_name ?? null,
    ownerDocumentNumber: body.owner_document_number ?? null,
    ownerBirthDate: body.owner_birth_date ?? null,
    vehicleManufacturer: body.vehicle_manufacturer ?? null,
    vehicleModel: body.vehicle_model ?? null,
    vehicleType: body.vehicle_type ?? null,
    vehicleManufactureDate: body.vehicle_manufacture_date ?? null,
    vehicleColor: body.vehicle_color ?? null,
    vehicleImageId: body.vehicle_image_id ?? null,
  };
}
