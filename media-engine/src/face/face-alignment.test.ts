import { describe, expect, it } from 'vitest';
import { ARCFACE_TEMPLATE, alignmentTransform, embedderInput } from './face-alignment.js';
import { applyTransform } from './similarity-transform.js';

describe('alignmentTransform', () => {
  it('maps a scaled, rotated and shifted template face onto the template', () => {
    const theta = -0.25;
    const face = ARCFACE_TEMPLATE.map((p) => ({
      x: 3 * (Math.cos(theta) * p.x - Math.sin(theta) * p.y) + 400,
      y: 3 * (Math.sin(theta) * p.x + Math.cos(theta) * p.y) + 120,
    }));
    const t = alignmentTransform(face);
    face.forEach((p, i) => {
      const q = applyTransform(t, p);
      expect(q.x).toBeCloseTo(ARCFACE_TEMPLATE[i]!.x, 6);
      expect(q.y).toBeCloseTo(ARCFACE_TEMPLATE[i]!.y, 6);
    });
  });
});

describe('embedderInput', () => {
  it('samples the source through the inverse transform into 3×112×112, normalised', () => {
    const width = 300;
    const height = 300;
    const data = new Uint8Array(width * height * 3);
    // a white square where the template's left eye lands after a 2× scale and (50, 60) shift
    const eye = { x: 2 * ARCFACE_TEMPLATE[0]!.x + 50, y: 2 * ARCFACE_TEMPLATE[0]!.y + 60 };
    for (let y = Math.round(eye.y) - 3; y <= Math.round(eye.y) + 3; y++)
      for (let x = Math.round(eye.x) - 3; x <= Math.round(eye.x) + 3; x++)
        data.fill(255, (y * width + x) * 3, (y * width + x) * 3 + 3);
    const toTemplate = { a: 0.5, b: 0, tx: -25, ty: -30 };
    const out = embedderInput({ data, width, height }, toTemplate);
    expect(out).toHaveLength(3 * 112 * 112);
    const at = (x: number, y: number) => out[Math.round(y) * 112 + Math.round(x)]!;
    expect(at(ARCFACE_TEMPLATE[0]!.x, ARCFACE_TEMPLATE[0]!.y)).toBeCloseTo(1, 1);
    expect(at(10, 10)).toBeCloseTo(-127 / 128, 6);
  });
});
