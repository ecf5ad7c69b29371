import { describe, expect, it } from 'vitest';
import { toPlateInput, toRestPlate, type GraphqlPlate } from './plate.js';

const FULL: GraphqlPlate = {
  id: 7,
  number: 'ab-123 c',
  ownerFullName: 'Jan Kowalski',
  ownerDocumentNumber: 'D-1',
  ownerBirthDate: '1980-02-29',
  vehicleManufacturer: 'Skoda',
  vehicleModel: 'Octavia',
  vehicleType: 'car',
  vehicleManufactureDate: '2012-07-21',
  vehicleColor: 'grey',
  vehicleImageId: 'img-1',
  vehicleImageUrl: '/api/v1/uploads/img-1/content',
};

describe('plates', () => {
  it('maps the REST Plate model, the number as entered', () => {
    expect(toRestPlate(FULL)).toEqual({
      number: 'ab-123 c',
      owner_full_name: 'Jan Kowalski',
      owner_document_number: 'D-1',
      owner_birth_date: '1980-02-29',
      vehicle_manufacturer: 'Skoda',
      vehicle_model: 'Octavia',
      vehicle_type: 'car',
      vehicle_manufacture_date: '2012-07-21',
      vehicle_color: 'grey',
      vehicle_image_id: 'img-1',
      id: 7,
      vehicle_image_url: '/api/v1/uploads/img-1/content',
    });
  });

  it('answers null for every optional field GraphQL left empty', () => {
    const rest = toRestPlate({
      id: 1,
      number: 'X1',
      ownerFullName: null,
      ownerDocumentNumber: null,
      ownerBirthDate: null,
      vehicleManufacturer: null,
      vehicleModel: null,
      vehicleType: null,
      vehicleManufactureDate: null,
      vehicleColor: null,
      vehicleImageId: null,
      vehicleImageUrl: null,
    });
    expect(rest).toEqual({
      number: 'X1',
      owner_full_name: null,
      owner_document_number: null,
      owner_birth_date: null,
      vehicle_manufacturer: null,
      vehicle_model: null,
      vehicle_type: null,
      vehicle_manufacture_date: null,
      vehicle_color: null,
      vehicle_image_id: null,
      id: 1,
      vehicle_image_url: null,
    });
    expect(Object.keys(rest)).toEqual([
      'number',
      'owner_full_name',
      'owner_document_number',
      'owner_birth_date',
      'vehicle_manufacturer',
      'vehicle_model',
      'vehicle_type',
      'vehicle_manufacture_date',
      'vehicle_color',
      'vehicle_image_id',
      'id',
      'vehicle_image_url',
    ]);
  });

  it('builds PlateInput; absent fields are null (PUT replaces the plate)', () => {
    expect(
      toPlateInput({
        number: 'AB 123',
        owner_full_name: 'J',
        owner_document_number: 'D',
        owner_birth_date: '1980-01-02',
        vehicle_manufacturer: 'M',
        vehicle_model: 'O',
        vehicle_type: 'T',
        vehicle_manufacture_date: '2012-07-21',
        vehicle_color: 'C',
        vehicle_image_id: 'img',
      }),
    ).toEqual({
      number: 'AB 123',
      ownerFullName: 'J',
      ownerDocumentNumber: 'D',
      ownerBirthDate: '1980-01-02',
      vehicleManufacturer: 'M',
      vehicleModel: 'O',
      vehicleType: 'T',
      vehicleManufactureDate: '2012-07-21',
      vehicleColor: 'C',
      vehicleImageId: 'img',
    });
    expect(toPlateInput({ number: 'AB 123', vehicle_color: null })).toEqual({
      number: 'AB 123',
      ownerFullName: null,
      ownerDocumentNumber: null,
      ownerBirthDate: null,
      vehicleManufacturer: null,
      vehicleModel: null,
      vehicleType: null,
      vehicleManufactureDate: null,
      vehicleColor: null,
      vehicleImageId: null,
    });
  });
});
