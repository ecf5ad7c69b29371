import { builder } from './builder.js';
import {
  CameraSourceInput, PtzSettingsInput, VideoAnalyticsInput, VideoStorageInput, VideoStreamingInput,
} from './camera-settings/inputs.js';

export const PlaceInput = builder.inputType('PlaceInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
    latitude: t.float({ description: 'Given together with longitude, or neither' }),
    longitude: t.float(),
  }),
});

export const PlanInput = builder.inputType('PlanInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    placeId: t.int({ required: true }),
    imageId: t.string({ required: true, description: 'An upload of kind plan' }),
  }),
});

export const CameraInput = builder.inputType('CameraInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    placeId: t.int({ required: true }),
    source: t.field({ type: CameraSourceInput, required: true }),
    videoAnalytics: t.field({ type: VideoAnalyticsInput }),
    videoStorage: t.field({ type: VideoStorageInput }),
    videoStreaming: t.field({ type: VideoStreamingInput }),
    ptz: t.field({ type: PtzSettingsInput }),
    onvifHost: t.string(),
    onvifPort: t.int(),
    onvifLogin: t.string(),
    onvifPassword: t.string({ description: 'Write-only. Omitted: the stored password is kept; null or "": removed' }),
    schedulerGroup: t.string(),
    schedulerTags: t.stringList(),
  }),
});
