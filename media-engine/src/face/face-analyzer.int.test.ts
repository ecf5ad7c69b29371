import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTOR_VERSION, MATCH_THRESHOLD, decodeFloat32, similarity } from './descriptor-codec.js';
import { FaceAnalyzer } from './face-analyzer.js';
import type { AnalyzedImage, FaceAnalysis, FaceMeta } from './face-analysis.types.js';

const FIXTURES = new URL('../../../test/fixtures/faces/', import.meta.url);
const photo = (name: string) => readFileSync(new URL(name, FIXTURES));

/** Per photo: a point inside each face (its nose, looked up by eye) and the face's plausible height range. */
const EXPECTED: Record<string, { person: string; at: [number, number]; height: [number, number] }[]> = {
  '227943776_1.jpg': [{ person: 'man-a', at: [215, 190], height: [150, 260] }],
  '230501201_1.jpg': [{ person: 'man-b', at: [290, 420], height: [300, 480] }],
  'Cascade_Classifier_Tutorial_Result_Haar.jpg': [{ person: 'woman-webcam', at: [262, 290], height: [180, 300] }],
  'Cascade_Classifier_Tutorial_Result_LBP.jpg': [{ person: 'woman-webcam', at: [445, 340], height: [160, 280] }],
  'example.jpg': [
    { person: 'man-glasses', at: [185, 350], height: [300, 480] },
    { person: 'man-glasses', at: [575, 350], height: [300, 480] },
    { person: 'man-glasses', at: [960, 350], height: [300, 480] },
  ],
  'facereg.jpg': [
    { person: 'grid-top-left', at: [45, 50], height: [50, 100] },
    { person: 'grid-top-right', at: [150, 50], height: [50, 100] },
    { person: 'grid-bottom-left', at: [50, 145], height: [50, 100] },
    { person: 'grid-bottom-right', at: [150, 145], height: [50, 100] },
  ],
  'messi5.jpg': [{ person: 'footballer', at: [240, 112], height: [25, 60] }],
  'astronaut.png': [{ person: 'astronaut', at: [222, 120], height: [80, 140] }],
};

let analyzer: FaceAnalyzer;
const results = new Map<string, AnalyzedImage>();

function succeeded(result: FaceAnalysis): AnalyzedImage {
  if (result.status !== 'success') throw new Error(`expected success, got ${result.status}: ${result.reason}`);
  return result.value;
}

const contains = (face: FaceMeta, [x, y]: [number, number]) =>
  face.detection.rect.x_min <= x &&
  x <= face.detection.rect.x_max &&
  face.detection.rect.y_min <= y &&
  y <= face.detection.rect.y_max;

/** Each labelled face of every photo with its descriptor. */
function labelledFaces(): { person: string; label: string; data: string }[] {
  const out: { person: string; label: string; data: string }[] = [];
  for (const [name, faces] of Object.entries(EXPECTED)) {
    for (const [i, expected] of faces.entries()) {
      const face = results.get(name)!.faces.find((f) => contains(f, expected.at))!;
      out.push({ person: expected.person, label: `${name}#${i}`, data: face.descriptor!.data });
    }
  }
  return out;
}

beforeAll(async () => {
  analyzer = await FaceAnalyzer.create();
  for (const name of Object.keys(EXPECTED)) results.set(name, succeeded(await analyzer.analyze(photo(name))));
});

afterAll(async () => {
  await analyzer?.release();
});

describe('FaceAnalyzer on the fixture photos', () => {
  it.each(Object.entries(EXPECTED))('%s: every face found once, in place', (name, expected) => {
    const image = results.get(name)!;
    expect(image.faces).toHaveLength(expected.length);
    for (const face of expected) {
      const matches = image.faces.filter((f) => contains(f, face.at));
      expect(matches).toHaveLength(1);
      const { rect, landmarks, score } = matches[0]!.detection;
      expect(rect.y_max - rect.y_min).toBeGreaterThanOrEqual(face.height[0]);
      expect(rect.y_max - rect.y_min).toBeLessThanOrEqual(face.height[1]);
      expect(score).toBeGreaterThan(0.7);
      expect(landmarks).toHaveLength(68);
      // the nose tip and both eyes fall inside the box
      for (const i of [30, 37, 44]) {
        expect(landmarks[i]!.x).toBeGreaterThan(rect.x_min);
        expect(landmarks[i]!.x).toBeLessThan(rect.x_max);
        expect(landmarks[i]!.y).toBeGreaterThan(rect.y_min);
        expect(landmarks[i]!.y).toBeLessThan(rect.y_max);
      }
      // image left eye left of the other, eyes above the nose tip, mouth below it
      expect(landmarks[37]!.x).toBeLessThan(landmarks[44]!.x);
      expect(Math.max(landmarks[37]!.y, landmarks[44]!.y)).toBeLessThan(landmarks[30]!.y);
      expect(landmarks[62]!.y).toBeGreaterThan(landmarks[30]!.y);
    }
  });

  it('gives unit-norm 512-d descriptors with their raw norm and version', () => {
    for (const image of results.values()) {
      for (const face of image.faces) {
        const descriptor = face.descriptor!;
        expect(descriptor.version).toBe(DESCRIPTOR_VERSION);
        expect(descriptor.norm).toBeGreaterThan(0.5);
        const vector = decodeFloat32(descriptor.data);
        expect(vector).toHaveLength(512);
        expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
      }
    }
  });

  it('scores the same person above the match threshold', () => {
    const faces = labelledFaces();
    const pairs = faces.flatMap((a, i) =>
      faces
        .slice(i + 1)
        .filter((b) => b.person === a.person)
        .map((b) => [a, b] as const),
    );
    expect(pairs).toHaveLength(4); // the webcam pair and the three pairs of example.jpg
    for (const [a, b] of pairs)
      expect(similarity(a.data, b.data), `${a.label} ~ ${b.label}`).toBeGreaterThan(MATCH_THRESHOLD);
  });

  it('scores different people below the match threshold', () => {
    const faces = labelledFaces();
    let pairs = 0;
    for (const [i, a] of faces.entries()) {
      for (const b of faces.slice(i + 1)) {
        if (a.person === b.person) continue;
        pairs++;
        expect(similarity(a.data, b.data), `${a.label} vs ${b.label}`).toBeLessThan(MATCH_THRESHOLD);
      }
    }
    expect(pairs).toBe(74);
  });
});

describe('FaceAnalyzer on altered copies of one photo', () => {
  const source = '230501201_1.jpg';
  const original = () => results.get(source)!.faces[0]!;

  async function only(image: Buffer): Promise<FaceMeta> {
    const value = succeeded(await analyzer.analyze(image));
    expect(value.faces).toHaveLength(1);
    return value.faces[0]!;
  }

  it('matches a mirrored, a half-size and a cropped low-quality copy to the original', async () => {
    const copies = {
      mirrored: await sharp(photo(source)).flop().jpeg({ quality: 90 }).toBuffer(),
      halfSize: await sharp(photo(source)).resize({ width: 292 }).png().toBuffer(),
      cropped: await sharp(photo(source))
        .extract({ left: 120, top: 120, width: 440, height: 560 })
        .jpeg({ quality: 60 })
        .toBuffer(),
      webp: await sharp(photo(source)).webp({ quality: 70 }).toBuffer(),
    };
    for (const [what, image] of Object.entries(copies)) {
      const face = await only(image);
      expect(similarity(face.descriptor!, original().descriptor!), what).toBeGreaterThan(MATCH_THRESHOLD);
    }
  });

  it('reports pixels of the image as shown: an EXIF-rotated copy gives the same box', async () => {
    const rotated = await sharp(photo(source))
      .rotate(270)
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const face = await only(rotated);
    const a = face.detection.rect;
    const b = original().detection.rect;
    for (const key of ['x_min', 'y_min', 'x_max', 'y_max'] as const) expect(Math.abs(a[key] - b[key])).toBeLessThan(6);
    expect(similarity(face.descriptor!, original().descriptor!)).toBeGreaterThan(0.95);
  });
});

describe('FaceAnalyzer on bad input', () => {
  it('fails a text file as unsupported image', async () => {
    const result = await analyzer.analyze(Buffer.from('name,email\nada,ada@example.org\n'));
    expect(result).toMatchObject({ status: 'failed', reason: 'unsupported image' });
  });

  it('fails a truncated JPEG without throwing', async () => {
    const jpeg = photo('230501201_1.jpg');
    const result = await analyzer.analyze(jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.reason).toMatch(/^corrupt image/);
  });

  it('fails empty input and non-buffers', async () => {
    expect(await analyzer.analyze(Buffer.alloc(0))).toMatchObject({ status: 'failed', reason: 'unsupported image' });
    expect(await analyzer.analyze('not a buffer' as unknown as Buffer)).toMatchObject({
      status: 'failed',
      reason: 'unsupported image',
    });
  });

  it('takes a plain Uint8Array as well as a Buffer', async () => {
    const bytes = new Uint8Array(photo('astronaut.png'));
    const value = succeeded(await analyzer.analyze(bytes));
    expect(value.faces.map((f) => f.descriptor!.data)).toEqual(
      results.get('astronaut.png')!.faces.map((f) => f.descriptor!.data),
    );
  });

  it('skips an image without a face', async () => {
    const wall = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#b0a890' } })
      .jpeg()
      .toBuffer();
    expect(await analyzer.analyze(wall)).toMatchObject({ status: 'skipped', reason: 'no face' });
  });

  it('gives the same answers when images are analyzed concurrently', async () => {
    const names = Object.keys(EXPECTED);
    const concurrent = await Promise.all(names.map((name) => analyzer.analyze(photo(name))));
    concurrent.forEach((result, i) => {
      const expected = results.get(names[i]!)!;
      const value = succeeded(result);
      expect(value.faces.map((f) => f.descriptor!.data)).toEqual(expected.faces.map((f) => f.descriptor!.data));
    });
  });

  it('times every stage and the inference inside them', async () => {
    const { timings } = await analyzer.analyze(photo('example.jpg'));
    for (const stage of ['decode', 'detect', 'landmarks', 'align', 'embed', 'inference'] as const)
      expect(timings[stage]).toBeGreaterThan(0);
    expect(timings.inference).toBeLessThan(timings.detect + timings.landmarks + timings.embed);
    expect(timings.total).toBeGreaterThanOrEqual(timings.decode + timings.detect);
  });
});
