import { randomUUID } from 'node:crypto';
import {
  type AuditRecorder,
  InvalidRequestError,
  isUuid,
  NotFoundError,
  type Page,
  type PageArgs,
  pagesBy,
  requirePermission,
  scopeOrganization,
  toPage,
  type Viewer,
} from '@argus/core';
import type { CameraCredentials, CameraRepository, CameraRow } from '../repositories/camera.repository.js';
import type { PlaceRepository } from '../repositories/place.repository.js';
import type { PlanCameraRepository } from '../repositories/plan-camera.repository.js';
import type { IdentityDirectory } from './identity-directory.js';
import { refusingRaces } from './constraint-errors.js';
import {
  parseCameraSource,
  parseToggle,
  parseVideoAnalytics,
  parseVideoStorage,
  type CameraSourceInput,
  type ToggleInput,
  type VideoAnalyticsInput,
  type VideoStorageInput,
} from './camera-settings.js';
import { integerIn, invalid, listOf, optionalText, text, type FieldPath } from './field-rules.js';
import { cameraKey, createdPage, searchText } from './paging.js';
import { visibilityOf } from './visibility.js';

type Maybe<T> = T | null | undefined;

const PLACE_GONE = 'Provided place does not exist';

export interface CameraInput {
  readonly name: string;
  readonly placeId: number;
  readonly source: CameraSourceInput;
  readonly videoAnalytics?: Maybe<VideoAnalyticsInput>;
  readonly videoStorage?: Maybe<VideoStorageInput>;
  readonly videoStreaming?: Maybe<ToggleInput>;
  readonly ptz?: Maybe<ToggleInput>;
  readonly onvifHost?: Maybe<string>;
  readonly onvifPort?: Maybe<number>;
  readonly onvifLogin?: Maybe<string>;
  /** write-only: undefined keeps the stored one, null or "" removes it */
  readonly onvifPassword?: Maybe<string>;
  readonly schedulerGroup?: Maybe<string>;
  readonly schedulerTags?: Maybe<readonly string[]>;
}

export interface CameraListArgs extends PageArgs {
  /** a camera id (that exact camera), or else text the name contains */
  readonly query?: string | null;
  readonly placeId?: number | null;
  readonly groupId?: number | null;
  readonly withoutPlans?: boolean | null;
}

/** Cameras of places: their video source, what Argus does with the video, and how to reach them over ONVIF. */
export class CameraService {
  constructor(
    private readonly cameras: CameraRepository,
    private readonly places: PlaceRepository,
    private readonly planCameras: PlanCameraRepository,
    private readonly identity: IdentityDirectory,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: CameraListArgs): Promise<Page<CameraRow>> {
    requirePermission(viewer, 'camera_read');
    await this.requireFilterTargets(viewer, args);
    const query = searchText(args.query);
    const page = createdPage(args);
    const rows = await this.cameras.list(
      visibilityOf(viewer),
      {
        ...(query && isUuid(query) ? { id: query.toLowerCase() } : { nameContains: query }),
        placeId: args.placeId ?? undefined,
        groupId: args.groupId ?? undefined,
        withoutPlans: args.withoutPlans ?? undefined,
      },
      page,
    );
    return toPage(rows, page.limit, cameraKey);
  }

  /**
   * A place or group to filter by must exist for the caller (not found otherwise): an
   * unknown or invisible one answers not found, not an empty page. A group of the caller's
   * organization that holds none of their places still filters to nothing.
   */
  private async requireFilterTargets(viewer: Viewer, { placeId, groupId }: CameraListArgs): Promise<void> {
    if (placeId !== undefined && placeId !== null && !(await this.places.findById(placeId, visibilityOf(viewer)))) {
      throw new NotFoundError('Place not found');
    }
    if (groupId !== undefined && groupId !== null && !(await this.identity.group(viewer, groupId))) {
      throw new NotFoundError('Group not found');
    }
  }

  async find(viewer: Viewer, id: string): Promise<CameraRow | undefined> {
    requirePermission(viewer, 'camera_read');
    return isUuid(id) ? this.cameras.findById(id, visibilityOf(viewer)) : undefined;
  }

  /** A page of cameras for each place, optionally only those on no plan. */
  async ofPlaces(
    viewer: Viewer,
    placeIds: readonly number[],
    args: PageArgs & { withoutPlans?: boolean | null },
  ): Promise<Map<number, Page<CameraRow>>> {
    requirePermission(viewer, 'camera_read');
    const page = createdPage(args);
    const rows = await this.cameras.ofPlaces(placeIds, visibilityOf(viewer), page, args.withoutPlans ?? false);
    return pagesBy(placeIds, rows, (row) => row.place_id, page.limit, cameraKey);
  }

  /** Cameras the caller may see, for references from other parts (events, streams). */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<CameraRow[]> {
    return this.cameras.findByIds(ids.filter(isUuid), visibilityOf(viewer));
  }

  async create(viewer: Viewer, input: CameraInput): Promise<CameraRow> {
    requirePermission(viewer, 'camera_create');
    const values = cameraValues(input);
    const place = await this.places.findById(input.placeId, visibilityOf(viewer));
    if (!place) throw new InvalidRequestError('Provided place does not exist');
    const camera = await refusingRaces(
      () =>
        this.cameras.create({
          id: randomUUID(),
          organization_id: place.organization_id,
          place_id: place.id,
          ...values,
          snapshot_id: null,
        }),
      { foreignKey: PLACE_GONE },
    );
    await this.audit.record(viewer, {
      actionType: 'camera_create',
      organizationId: camera.organization_id,
      meta: { camera_id: camera.id, name: camera.name, place_id: camera.place_id },
    });
    return camera;
  }

  /** Replaces a camera's settings; passwords not repeated are kept. Moving it to another place takes it off its plan. */
  async update(viewer: Viewer, id: string, input: CameraInput): Promise<CameraRow> {
    requirePermission(viewer, 'camera_update');
    const existing = isUuid(id) ? await this.cameras.findById(id, visibilityOf(viewer)) : undefined;
    if (!existing) throw new NotFoundError('Camera not found');
    const values = cameraValues(input, await this.cameras.credentials(id));
    const place = await this.places.findById(input.placeId, visibilityOf(viewer));
    if (!place) throw new InvalidRequestError('Provided place does not exist');
    if (place.id !== existing.place_id && existing.plan_id !== null) {
      await this.planCameras.removeCamera(id);
      await this.audit.record(viewer, {
        actionType: 'plan_camera_delete',
        organizationId: existing.organization_id,
        meta: { plan_id: existing.plan_id, camera_ids: [id] },
      });
    }
    const camera = await refusingRaces(
      () => this.cameras.update(id, { ...values, place_id: place.id, organization_id: place.organization_id }),
      { foreignKey: PLACE_GONE },
    );
    // deleted by a concurrent request meanwhile
    if (!camera) throw new NotFoundError('Camera not found');
    await this.audit.record(viewer, {
      actionType: 'camera_update',
      organizationId: existing.organization_id,
      meta: { camera_id: id, name: camera.name },
    });
    return camera;
  }

  /** Deletes a camera, taking it off its plan first. */
  async delete(viewer: Viewer, id: string): Promise<void> {
    requirePermission(viewer, 'camera_delete');
    const existing = isUuid(id) ? await this.cameras.findById(id, visibilityOf(viewer)) : undefined;
    if (!existing) throw new NotFoundError('Camera not found');
    const planId = await this.planCameras.removeCamera(id);
    await this.cameras.delete(id);
    await this.audit.record(viewer, {
      actionType: 'camera_delete',
      organizationId: existing.organization_id,
      meta: { camera_id: id, name: existing.name, plan_id: planId ?? null },
    });
  }

  /** Total and active cameras: active means streaming or analytics enabled, until stream status exists. */
  async stats(
    viewer: Viewer,
    filter: { organizationId?: number | null; groupId?: number | null },
  ): Promise<{ totalCount: number; activeCount: number }> {
    requirePermission(viewer, 'stats_read');
    const organizationId =
      viewer.isSuperuser && (filter.organizationId === undefined || filter.organizationId === null)
        ? undefined
        : scopeOrganization(viewer, filter.organizationId);
    const { total, active } = await this.cameras.stats(visibilityOf(viewer), {
      organizationId,
      groupId: filter.groupId ?? undefined,
    });
    return { totalCount: total, activeCount: active };
  }

  findByIds(ids: readonly string[]): Promise<CameraRow[]> {
    return this.cameras.findByIds(ids.filter(isUuid));
  }
}

/** Checks a camera input and gives the columns to store; `stored` passwords are kept where the input is silent. */
function cameraValues(input: CameraInput, stored?: CameraCredentials) {
  const onvifPassword =
    input.onvifPassword === undefined ? (stored?.onvif_password ?? null) : input.onvifPassword || null;
  return {
    name: text(input.name, ['input', 'name'], 255),
    source: JSON.stringify(parseCameraSource(input.source, stored?.source_password)),
    video_analytics: json(parseVideoAnalytics(input.videoAnalytics)),
    video_storage: json(parseVideoStorage(input.videoStorage)),
    video_streaming: json(parseToggle(input.videoStreaming)),
    ptz: json(parseToggle(input.ptz)),
    onvif_host: optionalText(input.onvifHost, ['input', 'onvifHost'], 255),
    onvif_port:
      input.onvifPort === null || input.onvifPort === undefined
        ? null
        : integerIn(input.onvifPort, ['input', 'onvifPort'], 1, 65535),
    onvif_login: optionalText(input.onvifLogin, ['input', 'onvifLogin'], 255),
    onvif_password: onvifPassword === null ? null : secret(onvifPassword, ['input', 'onvifPassword']),
    scheduler_group: optionalText(input.schedulerGroup, ['input', 'schedulerGroup'], 64),
    scheduler_tags: input.schedulerTags
      ? listOf(input.schedulerTags, ['input', 'schedulerTags'], 64, (tag, at) => text(tag, at, 32))
      : null,
  };
}

/** A password: checked for length, never trimmed. */
function secret(value: string, path: FieldPath): string {
  if (value.length > 255)
    throw invalid(path, 'ensure this value has at most 255 characters', 'too_long', { limit: 255 });
  return value;
}

function json(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
