import { InvalidRequestError } from '@argus/core';

/** Values of a face descriptor (model fr_feature-v1, whose REST version number is 1). */
export const DESCRIPTOR_LENGTH = 512;
export const DESCRIPTOR_VERSION_NUMBER = 1;
export const DESCRIPTOR_MODEL = 'fr_feature-v1';

/**
 * Default match threshold: the media engine's (media-engine/src/face/descriptor-codec.ts
 * MATCH_THRESHOLD, 0.5): same person 0.73–0.98 on the fixture photos, different people ≤ 0.38.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.5;

/** Base64 of 512 little-endian float32 values → the L2-normalised vector, or undefined when it is not one. */
export function decodeDescriptor(data: unknown): Float32Array | undefined {
  if (typeof data !== 'string' || data.length > 4096 || !/^[A-Za-z0-9+/]+={0,2}$/.test(data)) return undefined;
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length !== DESCRIPTOR_LENGTH * 4) return undefined;
  const vector = new Float32Array(DESCRIPTOR_LENGTH);
  let sum = 0;
  for (let i = 0; i < DESCRIPTOR_LENGTH; i++) {
    const v = bytes.readFloatLE(i * 4);
    if (!Number.isFinite(v)) return undefined;
    vector[i] = v;
    sum += v * v;
  }
  if (sum === 0) return undefined;
  const norm = Math.sqrt(sum);
  for (let i = 0; i < DESCRIPTOR_LENGTH; i++) vector[i] = vector[i]! / norm;
  return vector;
}

/** A searched descriptor: version 1 and 512 values, else INVALID_REQUEST (REST 400). */
export function searchDescriptor(descriptor: { data: string; version: number }): Float32Array {
  if (descriptor.version !== DESCRIPTOR_VERSION_NUMBER) {
    throw new InvalidRequestError(
      `Descriptor version ${descriptor.version} is not supported (expected ${DESCRIPTOR_VERSION_NUMBER})`,
    );
  }
  const vector = decodeDescriptor(descriptor.data);
  if (!vector) throw new InvalidRequestError(`descriptor.data must be base64 of ${DESCRIPTOR_LENGTH} float32 values`);
  return vector;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
