import type { OnvifPtz as Ptz, OnvifXY } from '@argus/media-engine/client';
import { builder } from './builder.js';
import { OnvifRange } from './onvif-stream.type.js';

/** What the camera's PTZ can do and where it is. */
export const OnvifPtzVector = builder.objectRef<OnvifXY>('OnvifPtzVector').implement({
  fields: (t) => ({ x: t.exposeFloat('x'), y: t.exposeFloat('y') }),
});

export const OnvifPtzRange = builder.objectRef<Ptz['panTilt']['supportedRange']>('OnvifPtzRange').implement({
  fields: (t) => ({
    x: t.field({ type: OnvifRange, nullable: true, resolve: (r) => r.x }),
    y: t.field({ type: OnvifRange, nullable: true, resolve: (r) => r.y }),
  }),
});

export const OnvifPtzPanTilt = builder.objectRef<Ptz['panTilt']>('OnvifPtzPanTilt').implement({
  fields: (t) => ({
    currentPosition: t.field({ type: OnvifPtzVector, nullable: true, resolve: (p) => p.currentPosition }),
    defaultSpeedRange: t.field({ type: OnvifPtzVector, nullable: true, resolve: (p) => p.defaultSpeedRange }),
    supportedRange: t.field({ type: OnvifPtzRange, resolve: (p) => p.supportedRange }),
  }),
});

export const OnvifPtzZoom = builder.objectRef<Ptz['zoom']>('OnvifPtzZoom').implement({
  fields: (t) => ({
    currentPosition: t.float({ nullable: true, resolve: (z) => z.currentPosition }),
    defaultSpeedValue: t.float({ nullable: true, resolve: (z) => z.defaultSpeedValue }),
    supportedRange: t.field({ type: OnvifPtzRange, nullable: true, resolve: (z) => z.supportedRange }),
  }),
});

export const OnvifPtz = builder.objectRef<Ptz>('OnvifPtz').implement({
  fields: (t) => ({
    panTilt: t.field({ type: OnvifPtzPanTilt, resolve: (p) => p.panTilt }),
    zoom: t.field({ type: OnvifPtzZoom, resolve: (p) => p.zoom }),
    maxNumOfPresets: t.exposeInt('maxNumOfPresets'),
    homeSupported: t.exposeBoolean('homeSupported'),
  }),
});
