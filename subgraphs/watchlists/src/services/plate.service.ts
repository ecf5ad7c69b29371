import {
  type AuditRecorder,
  idPage,
  InvalidRequestError,
  isUniqueViolation,
  normalizePlateNumber,
  NotFoundError,
  type Page,
  type PageArgs,
  pagesBy,
  requirePermission,
  toPage,
  type Viewer,
} from '@argus/core';
import type { ListedPlateRow, PlateRepository, PlateRow } from '../repositories/plate.repository.js';
import { invalid, optionalDate, optionalText, text } from './field-rules.js';
import type { IdentityDirectory } from './identity-directory.js';
import type { UploadChecker } from './upload-checker.js';
import { scopeOf, targetOrganization } from './scope.js';

export interface PlateInput {
  readonly number: string;
  readonly ownerFullName?: string | null;
  readonly ownerDocumentNumber?: string | null;
  /** YYYY-MM-DD */
  readonly ownerBirthDate?: string | null;
  readonly vehicleManufacturer?: string | null;
  readonly vehicleModel?: string | null;
  readonly vehicleType?: string | null;
  /** YYYY-MM-DD */
  readonly vehicleManufactureDate?: string | null;
  readonly vehicleColor?: string | null;
  /** an upload of kind vehicle_image */
  readonly vehicleImageId?: string | null;
}

export interface PlateListArgs extends PageArgs {
  /** matched on the normalised number (case, spaces and dashes do not matter) */
  readonly number?: string | null;
  readonly organizationId?: number | null;
}

const DUPLICATE = 'Plate with provided number already exists';

/** Licence plates to recognise, with their owner and vehicle. */
export class PlateService {
  constructor(
    private readonly plates: PlateRepository,
    private readonly identity: IdentityDirectory,
    private readonly uploads: UploadChecker,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: PlateListArgs): Promise<Page<PlateRow>> {
    requirePermission(viewer, 'plate_read');
    const page = idPage(args);
    const number = args.number?.trim() ? normalizePlateNumber(args.number) : undefined;
    const rows = await this.plates.list(
      scopeOf(viewer),
      { numberNormalized: number, organizationId: args.organizationId ?? undefined },
      page,
    );
    return toPage(rows, page.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<PlateRow | undefined> {
    requirePermission(viewer, 'plate_read');
    return this.plates.findById(id, scopeOf(viewer));
  }

  /** Plates the caller may see, for references from other parts. */
  visibleByIds(viewer: Viewer, ids: readonly number[]): Promise<PlateRow[]> {
    return this.plates.findByIds(ids, scopeOf(viewer));
  }

  async create(viewer: Viewer, input: PlateInput, organizationId?: number | null): Promise<PlateRow> {
    requirePermission(viewer, 'plate_create');
    const values = plateValues(input);
    const orgId = await targetOrganization(viewer, organizationId, this.identity);
    if (await this.plates.findByNumber(orgId, values.number_normalized)) throw new InvalidRequestError(DUPLICATE);
    await this.checkImage(viewer, values.vehicle_image_id);
    const plate = await this.plates.create({ organization_id: orgId, ...values }).catch(duplicate);
    await this.audit.record(viewer, {
      actionType: 'plate_create',
      organizationId: orgId,
      meta: { plate_id: plate.id, number: plate.number },
    });
    return plate;
  }

  async update(viewer: Viewer, id: number, input: PlateInput): Promise<PlateRow> {
    requirePermission(viewer, 'plate_update');
    const values = plateValues(input);
    const existing = await this.plates.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Plate not found');
    const namesake = await this.plates.findByNumber(existing.organization_id, values.number_normalized);
    if (namesake && namesake.id !== id) throw new InvalidRequestError(DUPLICATE);
    if (values.vehicle_image_id !== existing.vehicle_image_id) await this.checkImage(viewer, values.vehicle_image_id);
    const plate = await this.plates.update(id, values).catch(duplicate);
    // deleted by another request since the check
    if (!plate) throw new NotFoundError('Plate not found');
    await this.audit.record(viewer, {
      actionType: 'plate_update',
      organizationId: existing.organization_id,
      meta: { plate_id: id, number: values.number },
    });
    return plate;
  }

  /** Deletes the plate; it leaves every list it was in. */
  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'plate_delete');
    const existing = await this.plates.findById(id, scopeOf(viewer));
    if (!existing) throw new NotFoundError('Plate not found');
    await this.plates.delete(id);
    await this.audit.record(viewer, {
      actionType: 'plate_delete',
      organizationId: existing.organization_id,
      meta: { plate_id: id, number: existing.number },
    });
  }

  /** A page of plates for each plate list. */
  async ofPlateLists(
    viewer: Viewer,
    listIds: readonly number[],
    args: PageArgs,
  ): Promise<Map<number, Page<ListedPlateRow>>> {
    requirePermission(viewer, 'platelist_plate_read');
    const page = idPage(args);
    const rows = await this.plates.ofPlateLists(listIds, page);
    return pagesBy(
      listIds,
      rows,
      (row) => row.plate_list_id,
      page.limit,
      (row) => [row.id],
    );
  }

  /** The vehicle image must be an upload of kind vehicle_image (400 otherwise). */
  private async checkImage(viewer: Viewer, imageId: string | null): Promise<void> {
    if (imageId !== null && !(await this.uploads.exists(imageId, 'vehicle_image', viewer)))
      throw new InvalidRequestError('Provided vehicle image does not exist');
  }
}

function plateValues(input: PlateInput) {
  const number = text(input.number, ['input', 'number'], 32);
  const normalized = normalizePlateNumber(number);
  if (normalized === '') throw invalid(['input', 'number'], 'plate number must hold letters or digits');
  return {
    number,
    number_normalized: normalized,
    owner_full_name: optionalText(input.ownerFullName, ['input', 'ownerFullName'], 128),
    owner_document_number: optionalText(input.ownerDocumentNumber, ['input', 'ownerDocumentNumber'], 128),
    owner_birth_date: optionalDate(input.ownerBirthDate, ['input', 'ownerBirthDate']),
    vehicle_manufacturer: optionalText(input.vehicleManufacturer, ['input', 'vehicleManufacturer'], 32),
    vehicle_model: optionalText(input.vehicleModel, ['input', 'vehicleModel'], 32),
    vehicle_type: optionalText(input.vehicleType, ['input', 'vehicleType'], 32),
    vehicle_manufacture_date: optionalDate(input.vehicleManufactureDate, ['input', 'vehicleManufactureDate']),
    vehicle_color: optionalText(input.vehicleColor, ['input', 'vehicleColor'], 32),
    vehicle_image_id: optionalText(input.vehicleImageId, ['input', 'vehicleImageId'], 255),
  };
}

function duplicate(error: unknown): never {
  throw isUniqueViolation(error) ? new InvalidRequestError(DUPLICATE) : error;
}
