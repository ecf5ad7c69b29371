import { uploadContentUrl } from '@argus/core';
import type { CameraRow } from '../repositories/camera.repository.js';
import { publicSource } from '../services/camera-settings.js';
import type { PlanCameraRow } from '../services/plan-camera.service.js';
import { builder, connectionOf } from './builder.js';
import { CameraSource } from './camera-settings/camera-source.type.js';
import { PtzSettings } from './camera-settings/ptz-settings.type.js';
import { VideoAnalytics } from './camera-settings/video-analytics.type.js';
import { VideoStorage } from './camera-settings/video-storage.type.js';
import { VideoStreaming } from './camera-settings/video-streaming.type.js';
import { PlanCamera } from './plan-camera.type.js';
import { Place } from './place.type.js';
import { Plan } from './plan.type.js';

export const Camera = builder.objectRef<CameraRow>('Camera');

Camera.implement({
  description: 'A camera of a place; its passwords are write-only',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    organizationId: t.exposeInt('organization_id'),
    placeId: t.exposeInt('place_id'),
    place: t.field({ type: Place, resolve: async (camera, _, ctx) => (await ctx.loaders.place.load(camera.place_id))! }),
    planId: t.exposeInt('plan_id', { nullable: true }),
    plan: t.field({ type: Plan, nullable: true, resolve: (camera, _, ctx) => (camera.plan_id === null ? null : ctx.loaders.plan.load(camera.plan_id)) }),
    planPosition: t.field({ type: PlanCamera, nullable: true, resolve: (camera) => (camera.plan_id === null ? null : (camera as PlanCameraRow)) }),
    source: t.field({ type: CameraSource, resolve: (camera) => publicSource(camera.source, camera.has_source_password) }),
    videoAnalytics: t.field({ type: VideoAnalytics, nullable: true, resolve: (camera) => camera.video_analytics }),
    videoStorage: t.field({ type: VideoStorage, nullable: true, resolve: (camera) => camera.video_storage }),
    videoStreaming: t.field({ type: VideoStreaming, nullable: true, resolve: (camera) => camera.video_streaming }),
    ptz: t.field({ type: PtzSettings, nullable: true, resolve: (camera) => camera.ptz }),
    onvifHost: t.exposeString('onvif_host', { nullable: true }),
    onvifPort: t.exposeInt('onvif_port', { nullable: true }),
    onvifLogin: t.exposeString('onvif_login', { nullable: true }),
    hasOnvifPassword: t.exposeBoolean('has_onvif_password'),
    schedulerGroup: t.exposeString('scheduler_group', { nullable: true, description: 'Which stream servers may take the camera' }),
    schedulerTags: t.exposeStringList('scheduler_tags', { nullable: true }),
    snapshotId: t.exposeString('snapshot_id', { nullable: true }),
    snapshotUrl: t.string({ nullable: true, resolve: (camera) => uploadContentUrl(camera.snapshot_id) }),
    createdAt: t.field({ type: 'DateTime', resolve: (camera) => camera.created_at }),
    updatedAt: t.field({ type: 'DateTime', resolve: (camera) => camera.updated_at }),
  }),
});

builder.asEntity(Camera, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }, ctx) => ctx.loaders.visibleCamera.load(String(id)),
});

export const CameraConnection = connectionOf('CameraConnection', () => Camera);
