import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { expectSpec, type TestStack } from '../support/stack.js';

const FACES = new URL('../fixtures/faces/', import.meta.url);

/** Photos of test/fixtures/faces (ATTRIBUTION.md): one face each, except `example.jpg` (3 faces). */
export type FacePhoto =
  '227943776_1.jpg' | '230501201_1.jpg' | 'Cascade_Classifier_Tutorial_Result_Haar.jpg' | 'messi5.jpg' | 'example.jpg';

export function facePhoto(name: FacePhoto): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(new URL(name, FACES)));
}

/** POST /uploads?kind=face_image with a real photo; every upload it answered (the photo first, then one per face when several). */
export async function uploadFacePhoto(
  stack: TestStack,
  token: string,
  name: FacePhoto,
): Promise<Record<string, any>[]> {
  const res = await stack.upload(token, 'face_image', facePhoto(name), name, 'image/jpeg');
  expectSpec(res, 200);
  return res.body.uploads;
}

/** The id of a face_image upload of a one-face photo. */
export async function faceImageId(
  stack: TestStack,
  token: string,
  name: FacePhoto = '227943776_1.jpg',
): Promise<string> {
  return (await uploadFacePhoto(stack, token, name))[0]!.id;
}

export async function createFace(
  stack: TestStack,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/faces', { token, json: { full_name: stack.unique('Person '), ...body } });
  expectSpec(res, 200);
  return res.body;
}

export async function createFaceList(
  stack: TestStack,
  token: string,
  body: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  const res = await stack.rest('POST', '/facelists', { token, json: { name: stack.unique('List '), ...body } });
  expectSpec(res, 200);
  return res.body;
}

/** Audit entries of an organization of some action types, oldest first, read as the superuser. */
export async function auditEntries(
  stack: TestStack,
  organizationId: number,
  actionTypes: string[],
): Promise<Record<string, any>[]> {
  const res = await stack.rest('GET', '/auditlogs', {
    token: stack.adminToken,
    query: { organization_id: organizationId, action_types: actionTypes, limit: 1000 },
  });
  expectSpec(res, 200);
  return res.body.auditlogs;
}

/** The REST FaceImage of an upload: its id, kind, content URL and face meta. */
export function expectFaceImageOf(image: Record<string, any>, uploadId: string): void {
  expect(image).toMatchObject({
    id: uploadId,
    kind: 'face_image',
    mime_type: 'image/jpeg',
    url: `/api/v1/uploads/${uploadId}/content`,
    created_at: expect.any(String),
    meta: {
      detection: { rect: expect.any(Object), landmarks: expect.any(Array) },
      descriptor: { data: expect.any(String), norm: expect.any(Number) },
    },
  });
}
