import type { RestSchema } from './rest.js';
import type { FaceInput, Sex } from '../graphql/generated/operations.js';
import type { Connection } from './pagination.js';
import { toRestUpload, type GraphqlUpload, type RestUpload } from './upload.js';

/** An image of a face as the RestFaceImage fragment selects it: the upload (RestUpload fragment). */
export interface GraphqlFaceImage {
  readonly id: string;
  readonly upload: GraphqlUpload;
}

/** A face as the RestFace fragment selects it. */
export interface GraphqlFace {
  readonly id: number;
  readonly fullName: string | null;
  readonly sex: string | null;
  readonly birthDate: string | null;
  readonly documentNumber: string | null;
  readonly images: Connection<GraphqlFaceImage>;
}

/** The REST FaceImage model (5.6–5.8, Face.images): the upload attached to the face, as 25.2 answers it. */
export type RestFaceImage = RestUpload;

/** The REST Face model (5.x, 4.6). */
export interface RestFace {
  full_name: string | null;
  sex: string | null;
  /** YYYY-MM-DD */
  birth_date: string | null;
  document_number: string | null;
  id: number;
  images: RestFaceImage[];
}

export function toRestFaceImage(image: GraphqlFaceImage): RestFaceImage {
  return toRestUpload(image.upload);
}

/** REST FaceImageCollection `{faceimages: [...]}` (5.6–5.8). */
export function toRestFaceImages(images: Connection<GraphqlFaceImage>): { faceimages: RestFaceImage[] } {
  return { faceimages: images.nodes.map(toRestFaceImage) };
}

export function toRestFace(face: GraphqlFace): RestFace {
  return {
    full_name: face.fullName ?? null,
    sex: face.sex ? face.sex.toLowerCase() : null,
    birth_date: face.birthDate ?? null,
    document_number: face.documentNumber ?? null,
    id: face.id,
    images: face.images.nodes.map(toRestFaceImage),
  };
}

/** REST FaceCollection `{faces: [...]}` (5.1, 4.6). */
export function toRestFaces(faces: Connection<GraphqlFace>): { faces: RestFace[] } {
  return { faces: faces.nodes.map(toRestFace) };
}

export type RestFaceBody = RestSchema<'FaceCreate'> | RestSchema<'FaceUpdate'>;

/** REST FaceCreate / FaceUpdate body → GraphQL FaceInput; PUT replaces every field, so what is left out is null. */
export function toFaceInput(body: RestFaceBody): FaceInput {
  return {
    fullName: body.full_name ?? null,
    sex: body.sex ? (body.sex.toUpperCase() as Sex) : null,
    birthDate: body.birth_date ?? null,
    documentNumber: body.document_number ?? null,
  };
}
