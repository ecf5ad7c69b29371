import type { UploadKind } from '@argus/core';

/** Images browsers show. */
const IMAGES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
/** Images the face and plate analyzers decode. */
const ANALYSABLE_IMAGES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** The content types each kind of upload accepts (sniffed from the content); every kind so far is an image. */
export const ACCEPTED_TYPES: Readonly<Record<UploadKind, readonly string[]>> = {
  avatar: IMAGES,
  logo: IMAGES,
  plan: IMAGES,
  camera_snapshot: IMAGES,
  face_image: ANALYSABLE_IMAGES,
  vehicle_image: ANALYSABLE_IMAGES,
};

/** Kinds whose faces are analysed on upload (meta stored with the upload). */
export const FACE_KINDS: ReadonlySet<UploadKind> = new Set(['face_image']);
