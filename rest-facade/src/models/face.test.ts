import { describe, expect, it } from 'vitest';
import {
  toFaceInput,
  toRestFace,
  toRestFaceImage,
  toRestFaceImages,
  toRestFaces,
  type GraphqlFace,
  type GraphqlFaceImage,
} from './face.js';

const IMAGE: GraphqlFaceImage = {
  id: 'up-1',
  upload: {
    id: 'up-1',
    kind: 'FACE_IMAGE',
    mimeType: 'image/jpeg',
    originalId: null,
    createdAt: '2024-05-01T10:00:00.000Z',
    url: '/api/v1/uploads/up-1/content',
    meta: {
      detection: {
        score: null,
        rect: { xMin: 1, yMin: 2, xMax: 30, yMax: 40 },
        landmarks: [
          { x: 5, y: 6 },
          { x: 7, y: 8 },
        ],
      },
      descriptor: { data: 'AAAA', norm: 12.5, version: null },
    },
  },
};

const FACE: GraphqlFace = {
  id: 7,
  fullName: 'Ada Lovelace',
  sex: 'F',
  birthDate: '1815-12-10',
  documentNumber: 'AB-1',
  images: { nodes: [IMAGE] },
};

describe('faces', () => {
  it('maps the REST FaceImage model: the upload with snake_case meta and a lower-case kind', () => {
    expect(toRestFaceImage(IMAGE)).toEqual({
      mime_type: 'image/jpeg',
      kind: 'face_image',
      original_id: null,
      id: 'up-1',
      created_at: '2024-05-01T10:00:00.000Z',
      url: '/api/v1/uploads/up-1/content',
      meta: {
        detection: {
          rect: { x_min: 1, y_min: 2, x_max: 30, y_max: 40 },
          landmarks: [
            { x: 5, y: 6 },
            { x: 7, y: 8 },
          ],
        },
        descriptor: { data: 'AAAA', norm: 12.5 },
      },
    });
  });

  it('adds the detector score and the descriptor version when the analyzer gave them', () => {
    const meta = {
      ...IMAGE.upload.meta!,
      detection: { ...IMAGE.upload.meta!.detection!, score: 0.98 },
      descriptor: { data: 'AAAA', norm: 1, version: 'fr_feature-v1' },
    };
    expect(toRestFaceImage({ ...IMAGE, upload: { ...IMAGE.upload, meta } }).meta).toEqual({
      detection: {
        rect: { x_min: 1, y_min: 2, x_max: 30, y_max: 40 },
        landmarks: [
          { x: 5, y: 6 },
          { x: 7, y: 8 },
        ],
        score: 0.98,
      },
      descriptor: { data: 'AAAA', norm: 1, version: 'fr_feature-v1' },
    });
  });

  it('keeps a missing meta, detection or descriptor null and the original of a face cut from a group photo', () => {
    expect(toRestFaceImage({ ...IMAGE, upload: { ...IMAGE.upload, meta: null } }).meta).toBeNull();
    const partial = toRestFaceImage({
      ...IMAGE,
      upload: { ...IMAGE.upload, originalId: 'up-0', meta: { detection: null, descriptor: null } },
    });
    expect(partial).toMatchObject({ original_id: 'up-0', meta: { detection: null, descriptor: null } });
  });

  it('maps the REST Face model with its images and lower-case sex', () => {
    expect(toRestFace(FACE)).toEqual({
      full_name: 'Ada Lovelace',
      sex: 'f',
      birth_date: '1815-12-10',
      document_number: 'AB-1',
      id: 7,
      images: [toRestFaceImage(IMAGE)],
    });
    const bare = toRestFace({
      id: 8,
      fullName: null,
      sex: null,
      birthDate: null,
      documentNumber: null,
      images: { nodes: [] },
    });
    expect(bare).toEqual({ full_name: null, sex: null, birth_date: null, document_number: null, id: 8, images: [] });
  });

  it('maps the collections: {faces} and {faceimages}', () => {
    expect(toRestFaces({ nodes: [FACE] })).toEqual({ faces: [toRestFace(FACE)] });
    expect(toRestFaceImages({ nodes: [IMAGE, IMAGE] }).faceimages).toHaveLength(2);
    expect(toRestFaceImages({ nodes: [] })).toEqual({ faceimages: [] });
  });

  it('builds FaceInput: camelCase, upper-case sex, what is left out null', () => {
    expect(toFaceInput({ full_name: 'A', sex: 'm', birth_date: '2012-07-21', document_number: 'X' })).toEqual({
      fullName: 'A',
      sex: 'M',
      birthDate: '2012-07-21',
      documentNumber: 'X',
    });
    expect(toFaceInput({})).toEqual({ fullName: null, sex: null, birthDate: null, documentNumber: null });
  });
});
