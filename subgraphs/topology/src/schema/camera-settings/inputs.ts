import { builder } from '../builder.js';
import { LineDirectionEnum } from './line-direction.enum.js';
import { SourceTransportEnum } from './source-transport.enum.js';

export const CameraSourceInput = builder.inputType('CameraSourceInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'rtsp:// or rtsps:// URL; credentials in it are moved to username and password' }),
    username: t.string(),
    password: t.string({ description: 'Write-only. Omitted: the stored password is kept; null or "": removed' }),
    transport: t.field({ type: SourceTransportEnum, description: 'TCP when omitted' }),
  }),
});

export const PointInput = builder.inputType('PointInput', {
  fields: (t) => ({ x: t.float({ required: true }), y: t.float({ required: true }) }),
});

export const RegionInput = builder.inputType('RegionInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    polygon: t.field({ type: [PointInput], required: true, description: '3 to 32 points' }),
  }),
});

export const CrossingLineInput = builder.inputType('CrossingLineInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    start: t.field({ type: PointInput, required: true }),
    end: t.field({ type: PointInput, required: true }),
    direction: t.field({ type: LineDirectionEnum, description: 'BOTH when omitted' }),
  }),
});

export const RecognitionDetectorInput = builder.inputType('RecognitionDetectorInput', {
  fields: (t) => ({
    enabled: t.boolean({ required: true }),
    minConfidence: t.float(),
    minSizePx: t.int(),
  }),
});

export const MotionDetectorInput = builder.inputType('MotionDetectorInput', {
  fields: (t) => ({
    enabled: t.boolean({ required: true }),
    sensitivity: t.float(),
    minArea: t.float(),
    regions: t.field({ type: [RegionInput] }),
  }),
});

export const LineCrossingDetectorInput = builder.inputType('LineCrossingDetectorInput', {
  fields: (t) => ({
    enabled: t.boolean({ required: true }),
    lines: t.field({ type: [CrossingLineInput] }),
  }),
});

export const VideoAnalyticsInput = builder.inputType('VideoAnalyticsInput', {
  description: 'Detectors left out are disabled',
  fields: (t) => ({
    fps: t.float(),
    face: t.field({ type: RecognitionDetectorInput }),
    plate: t.field({ type: RecognitionDetectorInput }),
    motion: t.field({ type: MotionDetectorInput }),
    lineCrossing: t.field({ type: LineCrossingDetectorInput }),
  }),
});

export const VideoStorageInput = builder.inputType('VideoStorageInput', {
  fields: (t) => ({ enabled: t.boolean({ required: true }), retentionDays: t.int() }),
});

export const VideoStreamingInput = builder.inputType('VideoStreamingInput', {
  fields: (t) => ({ enabled: t.boolean({ required: true }) }),
});

export const PtzSettingsInput = builder.inputType('PtzSettingsInput', {
  fields: (t) => ({ enabled: t.boolean({ required: true }) }),
});
