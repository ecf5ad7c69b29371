/**
 * REST models of the ONVIF operations (8.x) from the GraphQL results: the same fields in
 * snake_case (`firmwareVersion` → `firmware_version`, `minVal` → `min_val`), resolutions as
 * `<width>x<height>`, and request bodies back to GraphQL variables.
 */

import type { OnvifStreamEncoderInput } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A GraphQL value with every object key in snake_case; `{width, height}` under a `*resolution` key → "WxH". */
export function toSnakeCase(value: unknown, key = ''): Json {
  if (Array.isArray(value)) return value.map((item) => toSnakeCase(item, key));
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value as Json;
  const record = value as Record<string, unknown>;
  if (/[rR]esolution$/.test(key) && typeof record.width === 'number' && typeof record.height === 'number') {
    return `${record.width}x${record.height}`;
  }
  return Object.fromEntries(
    Object.entries(record)
      .filter(([name]) => name !== '__typename')
      .map(([name, item]) => [snake(name), toSnakeCase(item, name)]),
  );
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The camera's `onvif` selection of a read document: the one field asked, in snake_case. */
export const onvifField = (field: string) => (camera: { onvif: Record<string, unknown> }) =>
  toSnakeCase(camera.onvif[field]);

/** REST OnvifUserList / OnvifStreamList / OnvifPtzPresetList: the list under its REST name. */
export const onvifList = (field: string) => (camera: { onvif: Record<string, unknown> }) => ({
  [field]: toSnakeCase(camera.onvif[field]),
});

/** "1280x720" → {width, height} (the contract's enum guarantees the form). */
export function resolutionInput(value: string): { width: number; height: number } {
  const [width, height] = value.split('x').map(Number);
  return { width: width!, height: height! };
}

/** OnvifStreamEncoderUpdate → OnvifStreamEncoderInput */
export function toOnvifStreamEncoderInput(body: RestSchema<'OnvifStreamEncoderUpdate'>): OnvifStreamEncoderInput {
  return {
    streamProfile: body.stream_profile,
    encoder: body.encoder,
    resolution: resolutionInput(body.resolution),
    framerate: body.framerate,
    bitrate: body.bitrate,
    govLength: body.gov_length ?? null,
  };
}

/** The answer of every ONVIF change: `{status: "ok"}`. */
export const onvifOk = (): { status: 'ok' } => ({ status: 'ok' });

/** REST extension GET /onvif-discovery: `{devices: [{urn, xaddrs, scopes, types, name, hardware, host, port}]}`. */
export function toRestOnvifDiscovery(devices: unknown[]): { devices: Json } {
  return { devices: toSnakeCase(devices) };
}
