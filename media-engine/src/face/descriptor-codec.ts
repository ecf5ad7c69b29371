/**
 * Face descriptors: L2 normalisation, the base64 float32 wire form of the REST meta
 * (`descriptor.data`, little-endian), cosine similarity and the match threshold.
 */

/** Version tag stored with every descriptor, so vectors of a future model never get compared with these. */
export const DESCRIPTOR_VERSION = 'fr_feature-v1';
export const DESCRIPTOR_LENGTH = 512;

/**
 * Cosine similarity at and above which two descriptors are taken for the same person. Measured on
 * the fixture photos (media-engine/README.md): same person 0.73–0.98 across photos (0.98–1.00 for
 * altered copies of one photo), different people −0.17–0.38 (mean 0.06).
 */
export const MATCH_THRESHOLD = 0.5;

export interface NormalizedVector {
  vector: Float32Array;
  /** Euclidean norm of the input before normalising. */
  norm: number;
}

export function l2Normalize(values: ArrayLike<number>): NormalizedVector {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  const norm = Math.sqrt(sum);
  const vector = new Float32Array(values.length);
  if (norm > 0) for (let i = 0; i < values.length; i++) vector[i] = values[i]! / norm;
  return { vector, norm };
}

export function encodeFloat32(vector: ArrayLike<number>): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes.toString('base64');
}

export function decodeFloat32(data: string): Float32Array {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length % 4 !== 0) throw new RangeError(`descriptor data of ${bytes.length} bytes is not a float32 vector`);
  const vector = new Float32Array(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`descriptors differ in length: ${a.length} and ${b.length}`);
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : dot / Math.sqrt(aa * bb);
}

/** A descriptor as a vector, its base64 `data`, or the meta object `{ data, version? }`. */
export type DescriptorInput = ArrayLike<number> | string | { data: string; version?: string };

function toVector(input: DescriptorInput): { vector: ArrayLike<number>; version?: string } {
  if (typeof input === 'string') return { vector: decodeFloat32(input) };
  if ('data' in input && typeof input.data === 'string')
    return { vector: decodeFloat32(input.data), version: input.version };
  return { vector: input as ArrayLike<number> };
}

/** Cosine similarity of two face descriptors, in [-1, 1]; compare with MATCH_THRESHOLD. */
export function similarity(a: DescriptorInput, b: DescriptorInput): number {
  const left = toVector(a);
  const right = toVector(b);
  if (left.version && right.version && left.version !== right.version) {
    throw new RangeError(`descriptors of different models cannot be compared: ${left.version} and ${right.version}`);
  }
  return cosineSimilarity(left.vector, right.vector);
}

export function isSamePerson(a: DescriptorInput, b: DescriptorInput, threshold = MATCH_THRESHOLD): boolean {
  return similarity(a, b) >= threshold;
}
