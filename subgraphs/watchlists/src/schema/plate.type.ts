import { uploadContentUrl } from '@argus/core';
import type { PlateRow } from '../repositories/plate.repository.js';
import { builder, connectionOf } from './builder.js';
import { Upload } from './upload.type.js';

export const Plate = builder.objectRef<PlateRow>('Plate');

Plate.implement({
  description: 'A licence plate to recognise, with its owner and vehicle',
  fields: (t) => ({
    id: t.exposeInt('id'),
    organizationId: t.exposeInt('organization_id'),
    number: t.exposeString('number', { description: 'As entered' }),
    normalizedNumber: t.exposeString('number_normalized', { description: 'Upper-case, without spaces and dashes: what matching uses' }),
    ownerFullName: t.exposeString('owner_full_name', { nullable: true }),
    ownerDocumentNumber: t.exposeString('owner_document_number', { nullable: true }),
    ownerBirthDate: t.exposeString('owner_birth_date', { nullable: true, description: 'YYYY-MM-DD' }),
    vehicleManufacturer: t.exposeString('vehicle_manufacturer', { nullable: true }),
    vehicleModel: t.exposeString('vehicle_model', { nullable: true }),
    vehicleType: t.exposeString('vehicle_type', { nullable: true }),
    vehicleManufactureDate: t.exposeString('vehicle_manufacture_date', { nullable: true, description: 'YYYY-MM-DD' }),
    vehicleColor: t.exposeString('vehicle_color', { nullable: true }),
    vehicleImageId: t.exposeString('vehicle_image_id', { nullable: true }),
    vehicleImageUrl: t.string({ nullable: true, resolve: (plate) => uploadContentUrl(plate.vehicle_image_id) }),
    vehicleImage: t.field({ type: Upload, nullable: true, resolve: (plate) => (plate.vehicle_image_id === null ? null : { id: plate.vehicle_image_id }) }),
    createdAt: t.field({ type: 'DateTime', resolve: (plate) => plate.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (plate) => plate.updated_at }),
  }),
});

builder.asEntity(Plate, {
  key: builder.selection<{ id: number }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visiblePlate.load(Number(id)),
});

export const PlateConnection = connectionOf('PlateConnection', () => Plate);
