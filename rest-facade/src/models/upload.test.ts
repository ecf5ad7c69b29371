import { describe, expect, it } from 'vitest';
import { toRestUpload, type GraphqlUpload } from './upload.js';

const ID = '6f0c3c1e-9a57-4c1b-8f0e-2d8a3c1b7e55';
const ORIGINAL = '0b8f8a4e-1111-4c1b-8f0e-2d8a3c1b7e55';

const face: GraphqlUpload = {
  id: ID,
  kind: 'FACE_IMAGE',
  mimeType: 'image/jpeg',
  originalId: ORIGINAL,
  createdAt: '2024-05-01T10:00:00.000Z',
  url: `/api/v1/uploads/${ID}/content`,
  meta: {
    detection: {
      rect: { xMin: 1.5, yMin: 2, xMax: 30, yMax: 40.25 },
      landmarks: [
        { x: 3, y: 4 },
        { x: 5, y: 6 },
      ],
      score: 0.98,
    },
    descriptor: { data: 'AAAA', norm: 12.5, version: 'arcface-r100' },
  },
};

describe('toRestUpload', () => {
  it('maps every field of the REST Upload model, the face meta in snake case', () => {
    expect(toRestUpload(face)).toEqual({
      mime_type: 'image/jpeg',
      kind: 'face_image',
      original_id: ORIGINAL,
      id: ID,
      created_at: '2024-05-01T10:00:00.000Z',
      url: `/api/v1/uploads/${ID}/content`,
      meta: {
        detection: {
          rect: { x_min: 1.5, y_min: 2, x_max: 30, y_max: 40.25 },
          landmarks: [
            { x: 3, y: 4 },
            { x: 5, y: 6 },
          ],
          score: 0.98,
        },
        descriptor: { data: 'AAAA', norm: 12.5, version: 'arcface-r100' },
      },
    });
  });

  it('lists the contract fields in the contract order', () => {
    expect(Object.keys(toRestUpload(face))).toEqual([
      'mime_type',
      'kind',
      'original_id',
      'id',
      'created_at',
      'url',
      'meta',
    ]);
  });

  it('maps every GraphQL kind to the REST enumeration', () => {
    const kinds = ['AVATAR', 'FACE_IMAGE', 'VEHICLE_IMAGE', 'PLAN', 'CAMERA_SNAPSHOT', 'LOGO'] as const;
    expect(kinds.map((kind) => toRestUpload({ ...face, kind }).kind)).toEqual([
      'avatar',
      'face_image',
      'vehicle_image',
      'plan',
      'camera_snapshot',
      'logo',
    ]);
  });

  it('answers null for what the upload does not have', () => {
    expect(toRestUpload({ ...face, kind: 'AVATAR', originalId: null, meta: null })).toMatchObject({
      original_id: null,
      meta: null,
    });
    // an answer without the optional fields at all (an older router) reads the same
    const bare = { id: ID, kind: 'PLAN', mimeType: 'image/png', createdAt: 'c', url: `/api/v1/uploads/${ID}/content` };
    expect(toRestUpload(bare as unknown as GraphqlUpload)).toMatchObject({ original_id: null, meta: null });
  });

  it('leaves out score and version the analyzer did not give, and keeps a missing detection or descriptor null', () => {
    const meta = toRestUpload({
      ...face,
      meta: {
        detection: { ...face.meta!.detection!, score: null },
        descriptor: { data: 'AAAA', norm: 1, version: null },
      },
    }).meta!;
    expect(meta).toEqual({
      detection: {
        rect: { x_min: 1.5, y_min: 2, x_max: 30, y_max: 40.25 },
        landmarks: [
          { x: 3, y: 4 },
          { x: 5, y: 6 },
        ],
      },
      descriptor: { data: 'AAAA', norm: 1 },
    });
    expect(toRestUpload({ ...face, meta: { detection: null, descriptor: null } }).meta).toEqual({
      detection: null,
      descriptor: null,
    });
  });
});
