import { builder } from './builder.js';

export const UploadKindEnum = builder.enumType('UploadKind', {
  description: 'What an uploaded file is for',
  values: {
    AVATAR: { value: 'avatar' },
    FACE_IMAGE: { value: 'face_image', description: 'A photo of a face for a watchlist: the meta of its faces is computed on upload' },
    VEHICLE_IMAGE: { value: 'vehicle_image' },
    PLAN: { value: 'plan', description: 'A floor plan image' },
    CAMERA_SNAPSHOT: { value: 'camera_snapshot' },
    LOGO: { value: 'logo' },
  } as const,
});
