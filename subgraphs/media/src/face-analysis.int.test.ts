import { readFileSync } from 'node:fs';
import path from 'node:path';
import { similarity, MATCH_THRESHOLD } from '@argus/media-engine/face';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, uploadForm, type Caller, type MediaHarness } from '../test/harness.js';

/** The media part with the media engine's face analyzer (real ONNX models) on real photos. */

const photo = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../../test/fixtures/faces', name));

let h: MediaHarness;
let member: Caller;

beforeAll(async () => {
  h = await startMedia({ realFaceAnalysis: true });
  member = await h.user({ organizationId: await h.organization() });
});
afterAll(() => h?.stop());

describe('face images with the media engine analyzer', () => {
  it('stores the detection and descriptor of the face of a portrait', async () => {
    const response = await member.upload('face_image', photo('astronaut.png'));
    expect(response.status).toBe(200);
    const { uploads } = await response.json();
    expect(uploads).toHaveLength(1);
    const { detection, descriptor } = uploads[0].meta;
    expect(detection.rect.x_max).toBeGreaterThan(detection.rect.x_min);
    expect(detection.landmarks).toHaveLength(68);
    expect(descriptor.version).toBe('fr_feature-v1');
    expect(Buffer.from(descriptor.data, 'base64')).toHaveLength(512 * 4);
  });

  it('adds one upload per face of a group photo, and the same person matches across photos', async () => {
    const { uploads } = await (await member.upload('face_image', photo('example.jpg'))).json();
    const faces = uploads.filter((u: { original_id: string | null }) => u.original_id === uploads[0].id);
    expect(faces).toHaveLength(3);
    const [a, b] = faces.map((f: { meta: { descriptor: { data: string } } }) => f.meta.descriptor);
    expect(similarity(a, b)).toBeGreaterThan(MATCH_THRESHOLD);
  });

  it('answers the meta of every face without storing it, and none for a photo without faces', async () => {
    const response = await member.http('/uploads/meta', { method: 'POST', body: uploadForm(photo('facereg.jpg')) });
    expect(response.status).toBe(200);
    expect((await response.json()).meta).toHaveLength(4);
    const grey = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const none = await member.http('/uploads/meta', { method: 'POST', body: uploadForm(grey) });
    expect(await none.json()).toEqual({ meta: [] });
  });
});
