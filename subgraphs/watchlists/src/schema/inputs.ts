import { builder } from './builder.js';
import { WatchlistPriority } from './priority.enum.js';
import { Sex } from './sex.enum.js';

const DATE = 'ISO 8601 date, YYYY-MM-DD';

export const FaceInput = builder.inputType('FaceInput', {
  fields: (t) => ({
    fullName: t.string({ description: 'At most 128 characters' }),
    sex: t.field({ type: Sex }),
    birthDate: t.string({ description: DATE }),
    documentNumber: t.string({ description: 'At most 128 characters' }),
  }),
});

export const FaceListInput = builder.inputType('FaceListInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique within the organization, 1..255 characters' }),
    description: t.string({ description: 'At most 2048 characters' }),
    priority: t.field({ type: WatchlistPriority }),
  }),
});

export const PlateListInput = builder.inputType('PlateListInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: 'Unique within the organization, 1..255 characters' }),
    description: t.string({ description: 'At most 2048 characters' }),
    priority: t.field({ type: WatchlistPriority }),
  }),
});

export const PlateInput = builder.inputType('PlateInput', {
  fields: (t) => ({
    number: t.string({ required: true, description: 'As written, at most 32 characters; unique within the organization ignoring case, spaces and dashes' }),
    ownerFullName: t.string(),
    ownerDocumentNumber: t.string(),
    ownerBirthDate: t.string({ description: DATE }),
    vehicleManufacturer: t.string(),
    vehicleModel: t.string(),
    vehicleType: t.string(),
    vehicleManufactureDate: t.string({ description: DATE }),
    vehicleColor: t.string(),
    vehicleImageId: t.string({ description: 'An upload of kind vehicle_image' }),
  }),
});
