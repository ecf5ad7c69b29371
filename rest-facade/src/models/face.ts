import type { FaceInput, RestFaceFragment, RestFaceImageFragment, Sex } from '../graphql/generated/operations.js';
import type { Connection } from './pagination.js';
import type { RestSchema } from './rest.js';
import { toRestUpload } from './upload.js';

/** An image of a face as the RestFaceImage fragment selects it: the upload (RestUpload fragment). */
export type GraphqlFaceImage = RestFaceImageFragment;

/** A face as the RestFace fragment selects it. */
export type GraphqlFace = RestFaceFragment;

/** The REST FaceImage model (5.6–5.8, Face.images): the upload attached to the face, as 25.2 answers it. */
export type RestFaceImage = RestSchema<'FaceImage'>;

/** The REST Face model (5.x, 4.6). */
export type RestFace = RestSchema<'Face'>;

export function toRestFaceImage(image: GraphqlFaceImage): RestFaceImage {
  return toRestUpload(image.upload);
}

/** REST FaceImageCollection `{faceimages: [...]}` (5.6–5.8). */
export function toRestFaceImages(images: Connection<GraphqlFaceImage>): RestSchema<'FaceImageCollection'> {
  return { faceimages: images.nodes.map(toRestFaceImage) };
}

export function toRestFace(face: GraphqlFace): RestFace {
  return {
    full_name: face.fullName ?? null,
    sex: face.sex ? (face.sex.toLowerCase() as RestSchema<'FaceSex'>) : null,
    birth_date: face.birthDate ?? null,
    document_number: face.documentNumber ?? null,
    id: face.id,
    images: face.images.nodes.map(toRestFaceImage),
  };
}

/** REST FaceCollection `{faces: [...]}` (5.1, 4.6). */
export function toRestFaces(faces: Connection<GraphqlFace>): RestSchema<'FaceCollection'> {
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
