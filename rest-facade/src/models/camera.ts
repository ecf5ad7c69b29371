import {
  toRestSource,
  toRestToggle,
  toRestVideoAnalytics,
  toRestVideoStorage,
  toSourceInput,
  toToggleInput,
  toVideoAnalyticsInput,
  toVideoStorageInput,
  type GraphqlCameraSource,
  type GraphqlVideoAnalytics,
  type GraphqlVideoStorage,
} from './camera-settings.js';

/** A camera as the RestCamera fragment selects it; place and plan only with RestCameraOrigin (with_origin). */
export interface GraphqlCamera {
  readonly id: string;
  readonly name: string;
  readonly placeId: number;
  readonly planId: number | null;
  readonly source: GraphqlCameraSource;
  readonly videoAnalytics: GraphqlVideoAnalytics | null;
  readonly videoStorage: GraphqlVideoStorage | null;
  readonly videoStreaming: { readonly enabled: boolean } | null;
  readonly ptz: { readonly enabled: boolean } | null;
  readonly onvifHost: string | null;
  readonly onvifPort: number | null;
  readonly onvifLogin: string | null;
  readonly schedulerGroup: string | null;
  readonly schedulerTags: readonly string[] | null;
  readonly snapshotId: string | null;
  readonly snapshotUrl: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly place?: {
    readonly id: number;
    readonly name: string;
    readonly description: string | null;
    readonly latitude: number | null;
    readonly longitude: number | null;
  };
  readonly plan?: { readonly id: number; readonly name: string } | null;
}

/** Where a camera is (2.x with_origin). */
export interface RestCameraOrigin {
  plan_id: number | null;
  plan_name: string | null;
  place_id: number | null;
  place_name: string | null;
  place_description: string | null;
  place_latitude: number | null;
  place_longitude: number | null;
}

/** The REST Camera model (2.x; PlaceCamera of 12.8): `onvif_password` and the source password are never returned. */
export interface RestCamera {
  name: string;
  source: ReturnType<typeof toRestSource>;
  video_analytics: ReturnType<typeof toRestVideoAnalytics>;
  video_storage: ReturnType<typeof toRestVideoStorage>;
  video_streaming: { enabled: boolean } | null;
  ptz: { enabled: boolean } | null;
  place_id: number;
  onvif_host: string | null;
  onvif_port: number | null;
  onvif_login: string | null;
  scheduler_group: string | null;
  scheduler_tags: string[] | null;
  id: string;
  created_at: string;
  updated_at: string;
  snapshot_id: string | null;
  snapshot_url: string | null;
  origin: RestCameraOrigin | null;
  plan_id: number | null;
}

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
function toRestOrigin(camera: GraphqlCamera): RestCameraOrigin | null {
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

/** The REST CameraCreate / CameraUpdate body (settings as in CAMERA_SETTINGS.md). */
export interface RestCameraBody {
  name: string;
  place_id: number;
  source: Record<string, any>;
  video_analytics?: Record<string, any> | null;
  video_storage?: Record<string, any> | null;
  video_streaming?: Record<string, any> | null;
  ptz?: Record<string, any> | null;
  onvif_host?: string | null;
  onvif_port?: number | null;
  onvif_login?: string | null;
  onvif_password?: string | null;
  scheduler_group?: string | null;
  scheduler_tags?: string[] | null;
}

/** REST body → GraphQL CameraInput; passwords left out keep the stored ones. */
export function toCameraInput(body: RestCameraBody): Record<string, unknown> {
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
