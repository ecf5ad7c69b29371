import type { OnvifEncoderUpdate, OnvifNetworkUpdate } from '@argus/media-engine/client';
import { builder } from './builder.js';

type Maybe<T> = T | null | undefined;

/** GraphQL arguments of the ONVIF fields as the media engine's arguments (`null` → left out). */
export function toNetworkArgs(input: {
  http?: Maybe<number>;
  https?: Maybe<number>;
  rtsp?: Maybe<number>;
}): OnvifNetworkUpdate {
  return { http: input.http ?? undefined, https: input.https ?? undefined, rtsp: input.rtsp ?? undefined };
}

export function toEncoderArgs(input: {
  streamProfile: OnvifEncoderUpdate['streamProfile'];
  encoder: OnvifEncoderUpdate['encoder'];
  resolution: { width: number; height: number };
  framerate: number;
  bitrate: number;
  govLength?: Maybe<number>;
}): OnvifEncoderUpdate {
  const { resolution, govLength, ...rest } = input;
  return { ...rest, resolution: `${resolution.width}x${resolution.height}`, govLength: govLength ?? undefined };
}

export function toDiscoverArgs(a: {
  streamServerId?: Maybe<string | number>;
  timeoutMs?: Maybe<number>;
  networkInterface?: Maybe<string>;
}) {
  return {
    streamServerId: a.streamServerId === null || a.streamServerId === undefined ? undefined : String(a.streamServerId),
    timeoutMs: a.timeoutMs ?? undefined,
    device: a.networkInterface ?? undefined,
  };
}

/** x, y and zoom of the absolute and continuous PTZ moves (`null` → left out). */
export function toAxes(a: { x?: Maybe<number>; y?: Maybe<number>; zoom?: Maybe<number> }) {
  return { x: a.x ?? undefined, y: a.y ?? undefined, zoom: a.zoom ?? undefined };
}

/** The arguments of the four ranged image updates and exposure. */
export const onvifValueArgs = builder.args((t) => ({
  cameraId: t.id({ required: true }),
  value: t.float({ required: true, description: "Within the device's supported range" }),
}));

/** The arguments of the preset operations. */
export const onvifPresetArgs = builder.args((t) => ({
  cameraId: t.id({ required: true }),
  name: t.string({ required: true, description: '1–64 characters' }),
}));

export const onvifCameraArgs = builder.args((t) => ({ cameraId: t.id({ required: true }) }));
