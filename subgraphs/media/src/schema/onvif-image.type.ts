import type { OnvifImage as Image, OnvifRangedValue } from '@argus/media-engine/client';
import { builder } from './builder.js';
import { OnvifIrCutFilterModeEnum, OnvifSwitchEnum, OnvifWhiteBalanceModeEnum } from './onvif-enums.js';
import { OnvifRange } from './onvif-stream.type.js';

type Settings = Required<Image>;

/** A camera's imaging settings with what the device supports; a setting the device lacks is null. */
export const OnvifImageValue = builder.objectRef<OnvifRangedValue>('OnvifImageValue').implement({
  fields: (t) => ({
    currentValue: t.exposeFloat('currentValue'),
    supportedRange: t.field({ type: OnvifRange, resolve: (v) => v.supportedRange }),
  }),
});

export const OnvifBacklightCompensation = builder
  .objectRef<Settings['backlightCompensation']>('OnvifBacklightCompensation')
  .implement({
    fields: (t) => ({
      currentMode: t.field({ type: OnvifSwitchEnum, resolve: (v) => v.currentMode }),
      supportedModes: t.field({ type: [OnvifSwitchEnum], resolve: (v) => v.supportedModes }),
    }),
  });

export const OnvifIrCutFilter = builder.objectRef<Settings['irCutFilter']>('OnvifIrCutFilter').implement({
  fields: (t) => ({
    currentMode: t.field({ type: OnvifIrCutFilterModeEnum, resolve: (v) => v.currentMode }),
    supportedModes: t.field({ type: [OnvifIrCutFilterModeEnum], resolve: (v) => v.supportedModes }),
  }),
});

export const OnvifExposure = builder.objectRef<Settings['exposure']>('OnvifExposure').implement({
  description: 'Exposure time in µs',
  fields: (t) => ({
    currentRange: t.field({ type: OnvifRange, resolve: (v) => v.currentRange }),
    supportedRange: t.field({ type: OnvifRange, resolve: (v) => v.supportedRange }),
  }),
});

const OnvifWhiteBalanceRange = builder
  .objectRef<Settings['whiteBalance']['supportedRange']>('OnvifWhiteBalanceRange')
  .implement({
    fields: (t) => ({
      crGain: t.field({ type: OnvifRange, resolve: (v) => v.crGain }),
      cbGain: t.field({ type: OnvifRange, resolve: (v) => v.cbGain }),
    }),
  });

export const OnvifWhiteBalance = builder.objectRef<Settings['whiteBalance']>('OnvifWhiteBalance').implement({
  fields: (t) => ({
    currentMode: t.field({ type: OnvifWhiteBalanceModeEnum, resolve: (v) => v.currentMode }),
    currentCrGainValue: t.exposeFloat('currentCrGainValue'),
    currentCbGainValue: t.exposeFloat('currentCbGainValue'),
    supportedModes: t.field({ type: [OnvifWhiteBalanceModeEnum], resolve: (v) => v.supportedModes }),
    supportedRange: t.field({ type: OnvifWhiteBalanceRange, resolve: (v) => v.supportedRange }),
  }),
});

export const OnvifWideDynamicRange = builder
  .objectRef<Settings['wideDynamicRange']>('OnvifWideDynamicRange')
  .implement({
    fields: (t) => ({
      currentMode: t.field({ type: OnvifSwitchEnum, resolve: (v) => v.currentMode }),
      currentValue: t.exposeFloat('currentValue'),
      supportedModes: t.field({ type: [OnvifSwitchEnum], resolve: (v) => v.supportedModes }),
      supportedRange: t.field({ type: OnvifRange, resolve: (v) => v.supportedRange }),
    }),
  });

export const OnvifImage = builder.objectRef<Image>('OnvifImage').implement({
  description: "Imaging settings of the camera's video source",
  fields: (t) => ({
    brightness: t.field({ type: OnvifImageValue, nullable: true, resolve: (i) => i.brightness }),
    colorSaturation: t.field({ type: OnvifImageValue, nullable: true, resolve: (i) => i.colorSaturation }),
    contrast: t.field({ type: OnvifImageValue, nullable: true, resolve: (i) => i.contrast }),
    sharpness: t.field({ type: OnvifImageValue, nullable: true, resolve: (i) => i.sharpness }),
    backlightCompensation: t.field({
      type: OnvifBacklightCompensation,
      nullable: true,
      resolve: (i) => i.backlightCompensation,
    }),
    irCutFilter: t.field({ type: OnvifIrCutFilter, nullable: true, resolve: (i) => i.irCutFilter }),
    exposure: t.field({ type: OnvifExposure, nullable: true, resolve: (i) => i.exposure }),
    whiteBalance: t.field({ type: OnvifWhiteBalance, nullable: true, resolve: (i) => i.whiteBalance }),
    wideDynamicRange: t.field({ type: OnvifWideDynamicRange, nullable: true, resolve: (i) => i.wideDynamicRange }),
  }),
});
