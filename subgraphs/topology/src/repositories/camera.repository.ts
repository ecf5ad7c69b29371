import { escapeLike } from '@argus/core';
import { sql, type Insertable, type Updateable } from 'kysely';
import type { CameraTable, TopologyDb } from '../db.js';
import type {
  CameraSource,
  PtzSettings,
  VideoAnalytics,
  VideoStorage,
  VideoStreaming,
} from '../services/camera-settings.js';
import type { CreatedPage } from './pagination.js';
import { inGroup, visibleRow, type Visibility } from './visibility.js';

/** A camera as it may be shown: no password comes out of the database, only whether one is stored. */
export interface CameraRow {
  id: string;
  organization_id: number;
  place_id: number;
  name: string;
  source: Omit<CameraSource, 'password'>;
  has_source_password: boolean;
  video_analytics: VideoAnalytics | null;
  video_storage: VideoStorage | null;
  video_streaming: VideoStreaming | null;
  ptz: PtzSettings | null;
  onvif_host: string | null;
  onvif_port: number | null;
  onvif_login: string | null;
  has_onvif_password: boolean;
  scheduler_group: string | null;
  scheduler_tags: string[] | null;
  snapshot_id: string | null;
  created_at: Date;
  updated_at: Date;
  /** the plan the camera is on, and its position there */
  plan_id: number | null;
  x: number | null;
  y: number | null;
}

/** What a stream server needs to ingest a camera: the source with its password, and where it may run. */
export interface IngestCameraRow {
  id: string;
  source: CameraSource;
  video_storage: VideoStorage | null;
  video_analytics: VideoAnalytics | null;
  scheduler_group: string | null;
  scheduler_tags: string[] | null;
}

/** What a media engine needs to talk ONVIF to a camera, the password included. */
export interface OnvifCameraRow {
  id: string;
  organization_id: number;
  onvif_host: string | null;
  onvif_port: number | null;
  onvif_login: string | null;
  onvif_password: string | null;
}

export interface CameraCredentials {
  source_password: string | null;
  onvif_password: string | null;
}

const PLAIN = [
  'id',
  'organization_id',
  'place_id',
  'name',
  'video_analytics',
  'video_storage',
  'video_streaming',
  'ptz',
  'onvif_host',
  'onvif_port',
  'onvif_login',
  'scheduler_group',
  'scheduler_tags',
  'snapshot_id',
  'created_at',
  'updated_at',
] as const;
const SELECTED = [
  ...PLAIN.map((c) => `cameras.${c}` as const),
  sql<Omit<CameraSource, 'password'>>`cameras.source - 'password'`.as('source'),
  sql<boolean>`cameras.source ? 'password'`.as('has_source_password'),
  sql<boolean>`cameras.onvif_password is not null`.as('has_onvif_password'),
  'plan_cameras.plan_id',
  'plan_cameras.x',
  'plan_cameras.y',
] as const;
const FIELDS = [...PLAIN, 'source', 'has_source_password', 'has_onvif_password', 'plan_id', 'x', 'y'] as const;

export interface CameraFilter {
  readonly placeId?: number;
  readonly groupId?: number;
  readonly withoutPlans?: boolean;
  readonly nameContains?: string;
  readonly id?: string;
}

export class CameraRepository {
  constructor(private readonly db: TopologyDb) {}

  private select(v: Visibility) {
    return this.db
      .selectFrom('cameras')
      .leftJoin('plan_cameras', 'plan_cameras.camera_id', 'cameras.id')
      .select(SELECTED)
      .where(visibleRow(v, 'cameras.organization_id', 'cameras.place_id'));
  }

  findById(id: string, v: Visibility = {}): Promise<CameraRow | undefined> {
    return this.select(v).where('cameras.id', '=', id).executeTakeFirst();
  }

  findByIds(ids: readonly string[], v: Visibility = {}): Promise<CameraRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.select(v).where('cameras.id', 'in', ids).execute();
  }

  /** Cameras oldest first. */
  list(v: Visibility, filter: CameraFilter, page: CreatedPage): Promise<CameraRow[]> {
    let query = this.select(v);
    if (filter.id !== undefined) query = query.where('cameras.id', '=', filter.id);
    if (filter.placeId !== undefined) query = query.where('cameras.place_id', '=', filter.placeId);
    if (filter.groupId !== undefined) query = query.where(inGroup(filter.groupId, 'cameras.place_id'));
    if (filter.withoutPlans) query = query.where('plan_cameras.plan_id', 'is', null);
    if (filter.nameContains !== undefined)
      query = query.where('cameras.name', 'ilike', `%${escapeLike(filter.nameContains)}%`);
    if (page.after) query = query.where(after(page.after));
    return query
      .orderBy('cameras.created_at')
      .orderBy('cameras.id')
      .limit(page.limit + 1)
      .execute();
  }

  /** A page of cameras for each place, in one query (at most limit + 1 rows per place). */
  ofPlaces(placeIds: readonly number[], v: Visibility, page: CreatedPage, withoutPlans = false): Promise<CameraRow[]> {
    if (placeIds.length === 0) return Promise.resolve([]);
    const ranked = this.select(v)
      .select(
        sql<number>`row_number() over (partition by cameras.place_id order by cameras.created_at, cameras.id)`.as(
          'rank',
        ),
      )
      .where('cameras.place_id', 'in', placeIds)
      .$if(withoutPlans, (q) => q.where('plan_cameras.plan_id', 'is', null))
      .$if(page.after !== undefined, (q) => q.where(after(page.after!)));
    return this.db
      .selectFrom(ranked.as('ranked'))
      .select(FIELDS.map((c) => `ranked.${c}` as const))
      .where('ranked.rank', '<=', page.limit + 1)
      .orderBy('ranked.place_id')
      .orderBy('ranked.created_at')
      .orderBy('ranked.id')
      .execute();
  }

  /** A page of cameras for each plan, in one query (at most limit + 1 rows per plan). */
  ofPlans(planIds: readonly number[], v: Visibility, page: CreatedPage): Promise<CameraRow[]> {
    if (planIds.length === 0) return Promise.resolve([]);
    const ranked = this.select(v)
      .select(
        sql<number>`row_number() over (partition by plan_cameras.plan_id order by cameras.created_at, cameras.id)`.as(
          'rank',
        ),
      )
      .where('plan_cameras.plan_id', 'in', planIds)
      .$if(page.after !== undefined, (q) => q.where(after(page.after!)));
    return this.db
      .selectFrom(ranked.as('ranked'))
      .select(FIELDS.map((c) => `ranked.${c}` as const))
      .where('ranked.rank', '<=', page.limit + 1)
      .orderBy('ranked.plan_id')
      .orderBy('ranked.created_at')
      .orderBy('ranked.id')
      .execute();
  }

  async create(values: Insertable<CameraTable>): Promise<CameraRow> {
    // millisecond precision, so the cursor (an ISO timestamp) matches the stored value exactly
    const now = new Date();
    await this.db
      .insertInto('cameras')
      .values({ ...values, created_at: now, updated_at: now })
      .execute();
    return (await this.findById(values.id))!;
  }

  async update(id: string, values: Updateable<CameraTable>): Promise<CameraRow | undefined> {
    await this.db
      .updateTable('cameras')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    return this.findById(id);
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('cameras').where('id', '=', id).execute();
  }

  /** The stored passwords: only for keeping them across an update that does not repeat them. */
  credentials(id: string): Promise<CameraCredentials | undefined> {
    return this.db
      .selectFrom('cameras')
      .select([sql<string | null>`cameras.source ->> 'password'`.as('source_password'), 'onvif_password'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Every camera of every organization with its stream password: only for the media engine (internal endpoint). */
  listForIngest(): Promise<IngestCameraRow[]> {
    return this.db
      .selectFrom('cameras')
      .select(['id', 'source', 'video_storage', 'video_analytics', 'scheduler_group', 'scheduler_tags'])
      .orderBy('id')
      .execute();
  }

  /** One camera's ONVIF settings with the password: only for the media engine (internal endpoint). */
  onvifSettings(id: string): Promise<OnvifCameraRow | undefined> {
    return this.db
      .selectFrom('cameras')
      .select(['id', 'organization_id', 'onvif_host', 'onvif_port', 'onvif_login', 'onvif_password'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Visible cameras, and those with streaming or any analytics detector enabled. */
  async stats(
    v: Visibility,
    filter: { organizationId?: number; groupId?: number },
  ): Promise<{ total: number; active: number }> {
    let query = this.db
      .selectFrom('cameras')
      .select([
        (e) => e.fn.countAll<number>().as('total'),
        sql<number>`count(*) filter (where coalesce((cameras.video_streaming ->> 'enabled')::boolean, false)
        or exists (select 1 from jsonb_each(coalesce(cameras.video_analytics, '{}'::jsonb)) as detector
                   where jsonb_typeof(detector.value) = 'object' and coalesce((detector.value ->> 'enabled')::boolean, false)))`.as(
          'active',
        ),
      ])
      .where(visibleRow(v, 'cameras.organization_id', 'cameras.place_id'));
    if (filter.organizationId !== undefined) query = query.where('cameras.organization_id', '=', filter.organizationId);
    if (filter.groupId !== undefined) query = query.where(inGroup(filter.groupId, 'cameras.place_id'));
    const row = await query.executeTakeFirstOrThrow();
    return { total: Number(row.total), active: Number(row.active) };
  }
}

/** Rows after the cursor's [created_at, id] in (created_at, id) order. */
function after([createdAt, id]: readonly [string, string]) {
  return () => sql<boolean>`(cameras.created_at, cameras.id) > (${new Date(createdAt)}::timestamptz, ${id}::uuid)`;
}
