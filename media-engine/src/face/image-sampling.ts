/**
 * Resampling of decoded RGB images into model input planes: a crop-and-resize or a rotation
 * are both an affine map from output pixels to source pixels, sampled bilinearly with black
 * outside the image (as OpenCV's warpAffine with a constant border).
 */

/** 8-bit RGB pixels, row-major, 3 bytes per pixel. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Output pixel (u, v) samples source (m[0]·u + m[1]·v + m[2], m[3]·u + m[4]·v + m[5]). */
export type AffineMap = readonly [number, number, number, number, number, number];

/**
 * The map for resizing the source region (x, y, width, height) into outW × outH, pixel centres
 * aligned (the convention of OpenCV's resize).
 */
export function cropResizeMap(
  region: { x: number; y: number; width: number; height: number },
  outW: number,
  outH: number,
): AffineMap {
  const sx = region.width / outW;
  const sy = region.height / outH;
  return [sx, 0, region.x + 0.5 * sx - 0.5, 0, sy, region.y + 0.5 * sy - 0.5];
}

/** Luma weights of ITU-R BT.601, as OpenCV's RGB→GRAY. */
const GRAY = [0.299, 0.587, 0.114] as const;

/**
 * Samples `image` through `map` into planar float values in 0..255: three planes (R, G, B) for
 * 'rgb', one luma plane for 'gray'. `transform(v)` is applied to every value (normalisation).
 */
export function sampleAffine(
  image: RgbImage,
  map: AffineMap,
  outW: number,
  outH: number,
  mode: 'rgb' | 'gray',
  transform: (value: number) => number = (v) => v,
): Float32Array {
  const { data, width, height } = image;
  const plane = outW * outH;
  const out = new Float32Array(mode === 'rgb' ? plane * 3 : plane);
  const px = [0, 0, 0];
  const [m0, m1, m2, m3, m4, m5] = map;
  for (let v = 0; v < outH; v++) {
    for (let u = 0; u < outW; u++) {
      const x = m0 * u + m1 * v + m2;
      const y = m3 * u + m4 * v + m5;
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const fx = x - x0;
      const fy = y - y0;
      px[0] = px[1] = px[2] = 0;
      for (let dy = 0; dy <= 1; dy++) {
        const yy = y0 + dy;
        if (yy < 0 || yy >= height) continue;
        const wy = dy === 0 ? 1 - fy : fy;
        for (let dx = 0; dx <= 1; dx++) {
          const xx = x0 + dx;
          if (xx < 0 || xx >= width) continue;
          const w = wy * (dx === 0 ? 1 - fx : fx);
          if (w === 0) continue;
          const i = (yy * width + xx) * 3;
          px[0] += w * data[i]!;
          px[1] += w * data[i + 1]!;
          px[2] += w * data[i + 2]!;
        }
      }
      const o = v * outW + u;
      if (mode === 'rgb') {
        out[o] = transform(px[0]);
        out[o + plane] = transform(px[1]);
        out[o + 2 * plane] = transform(px[2]);
      } else {
        out[o] = transform(GRAY[0] * px[0] + GRAY[1] * px[1] + GRAY[2] * px[2]);
      }
    }
  }
  return out;
}
