import type { CameraInput, RestCameraFragment, RestCameraOriginFragment } from '../graphql/generated/operations.js';
import {
  toRestSource,
  toRestToggle,
  toRestVideoAnalytics,
  toRestVideoStorage,
  toSourceInput,
  toToggleInput,
  toVideoAnalyticsInput,
  toVideoStorageInput,
} from './camera-settings.js';
import type { RestSchema } from './rest.js';

/** A camera as the RestCamera fragment selects it; place and plan only with RestCameraOrigin (with_origin). */
export type GraphqlCamera = RestCameraFragment & Partial<RestCameraOriginFragment>;

/** The REST Camera model (2.x; PlaceCamera of 12.8): `onvif_password` and the source password are never returned. */
export type RestCamera = RestSchema<'Camera'>;

export function toRestCamera(camera: GraphqlCamera): RestCamera {
  return {
    name: camera.name,
    source: toRestSource(camera.source),
    video_analytics: toRestVideoAnalytics(camera.videoAnalytics),
    video_storage: toRestVideoStorage(camera.videoStorage),
    video_streaming: toRestToggle(camera.videoStreaming),
    ptz: toRestToggle(camera.ptz),
    place_id: camera.placeId,
    onvif_host: camera.onvifHost ?? null,
    onvif_port: camera.onvifPort ?? null,
    onvif_login: camera.onvifLogin ?? null,
    scheduler_group: camera.schedulerGroup ?? null,
    scheduler_tags: camera.schedulerTags ? [...camera.schedulerTags] : null,
    id: camera.id,
    created_at: camera.createdAt,
    updated_at: camera.updatedAt,
    snapshot_id: camera.snapshotId ?? null,
    snapshot_url: camera.snapshotUrl ?? null,
    origin: toRestOrigin(camera),
    plan_id: camera.planId ?? null,
  };
}

/** The origin when the document asked for it (with_origin), else null. */
function toRestOrigin(camera: GraphqlCamera): RestSchema<'CameraOrigin'> | null {
  if (!camera.place) return null;
  return {
    plan_id: camera.plan?.id ?? null,
    plan_name: camera.plan?.name ?? null,
    place_id: camera.place.id,
    place_name: camera.place.name,
    place_description: camera.place.description ?? null,
    place_latitude: camera.place.latitude ?? null,
    place_longitude: camera.place.longitude ?? null,
  };
}

/** REST body → GraphQL CameraInput; passwords left out keep the stored ones. */
export function toCameraInput(body: RestSchema<'CameraCreate'> | RestSchema<'CameraUpdate'>): CameraInput {
  return {
    name: body.name,
    placeId: body.place_id,
    source: toSourceInput(body.source),
    videoAnalytics: toVideoAnalyticsInput(body.video_analytics),
    videoStorage: toVideoStorageInput(body.video_storage),
    videoStreaming: toToggleInput(body.video_streaming),
    ptz: toToggleInput(body.ptz),
    onvifHost: body.onvif_host ?? null,
    onvifPort: body.onvif_port ?? null,
    onvifLogin: body.onvif_login ?? null,
    onvifPassword: body.onvif_password,
    schedulerGroup: body.scheduler_group ?? null,
    schedulerTags: body.scheduler_tags ?? null,
  };
}
