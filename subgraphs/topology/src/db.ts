import type { ColumnType, Generated, Kysely } from 'kysely';
import type {
  CameraSource,
  PtzSettings,
  VideoAnalytics,
  VideoStorage,
  VideoStreaming,
} from './services/camera-settings.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A jsonb column: objects come back parsed, go in as JSON text. */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface PlaceTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupPlaceTable {
  place_id: number;
  group_id: number;
}

export interface PlanTable {
  id: Generated<number>;
  place_id: number;
  organization_id: number;
  name: string;
  image_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CameraTable {
  id: string;
  organization_id: number;
  place_id: number;
  name: string;
  /** with the stream password, if any: repositories never return it */
  source: Json<CameraSource>;
  video_analytics: NullableJson<VideoAnalytics>;
  video_storage: NullableJson<VideoStorage>;
  video_streaming: NullableJson<VideoStreaming>;
  ptz: NullableJson<PtzSettings>;
  onvif_host: string | null;
  onvif_port: number | null;
  onvif_login: string | null;
  onvif_password: string | null;
  scheduler_group: string | null;
  scheduler_tags: string[] | null;
  snapshot_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PlanCameraTable {
  camera_id: string;
  plan_id: number;
  x: number | null;
  y: number | null;
}

export interface TopologyTables {
  places: PlaceTable;
  group_places: GroupPlaceTable;
  plans: PlanTable;
  cameras: CameraTable;
  plan_cameras: PlanCameraTable;
}

/** Kysely bound to the topology schema. */
export type TopologyDb = Kysely<TopologyTables>;

export const TOPOLOGY_SCHEMA = 'topology';

export function topologyDb(db: Kysely<any>): TopologyDb {
  return (db as Kysely<TopologyTables>).withSchema(TOPOLOGY_SCHEMA);
}
