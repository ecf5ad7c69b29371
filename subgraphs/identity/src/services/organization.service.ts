import {
  type AuditRecorder,
  ForbiddenError,
  idPageOf,
  InvalidRequestError,
  NotFoundError,
  type Page,
  requirePermission,
  toPage,
  type UploadCatalog,
  type Viewer,
} from '@argus/core';
import type { OrganizationRepository, OrganizationRow } from '../repositories/organization.repository.js';

export interface OrganizationInput {
  readonly name: string;
  readonly description: string;
  readonly logoId?: string | null;
}

export interface PageArgs {
  readonly limit: number;
  readonly cursor?: string | null;
}

/** Organizations: superusers manage all of them; everyone else sees and edits only their own. */
export class OrganizationService {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly uploads: UploadCatalog,
    private readonly audit: AuditRecorder,
  ) {}

  async list(viewer: Viewer, args: PageArgs & { query?: string | null }): Promise<Page<OrganizationRow>> {
    requirePermission(viewer, 'organization_read');
    const rows = await this.organizations.list(idPageOf(args.limit, args.cursor), {
      onlyId: viewer.isSuperuser ? undefined : viewer.organizationId,
      nameContains: args.query?.trim() || undefined,
    });
    return toPage(rows, args.limit, (row) => [row.id]);
  }

  async find(viewer: Viewer, id: number): Promise<OrganizationRow | undefined> {
    requirePermission(viewer, 'organization_read');
    return this.visible(viewer, id);
  }

  /** The organization as the caller may see it, or undefined; for sub-resources that need their own permission. */
  async visible(viewer: Viewer, id: number): Promise<OrganizationRow | undefined> {
    if (!viewer.isSuperuser && id !== viewer.organizationId) return undefined;
    return this.organizations.findById(id);
  }

  async create(viewer: Viewer, input: OrganizationInput): Promise<OrganizationRow> {
    requirePermission(viewer, 'organization_create');
    if (!viewer.isSuperuser) throw new ForbiddenError('Only a superuser may create organizations');
    await this.checkLogo(viewer, input.logoId);
    const organization = await this.organizations.create({
      name: input.name,
      description: input.description,
      logo_id: input.logoId ?? null,
    });
    await this.audit.record(viewer, {
      actionType: 'organization_create',
      organizationId: organization.id,
      meta: { organization_id: organization.id, name: organization.name },
    });
    return organization;
  }

  async update(viewer: Viewer, id: number, input: OrganizationInput): Promise<OrganizationRow> {
    requirePermission(viewer, 'organization_update');
    if (!(await this.visible(viewer, id))) throw new NotFoundError('Organization not found');
    await this.checkLogo(viewer, input.logoId);
    const organization = await this.organizations.update(id, {
      name: input.name,
      description: input.description,
      logo_id: input.logoId ?? null,
    });
    await this.audit.record(viewer, {
      actionType: 'organization_update',
      organizationId: id,
      meta: { organization_id: id },
    });
    return organization!;
  }

  async delete(viewer: Viewer, id: number): Promise<void> {
    requirePermission(viewer, 'organization_delete');
    const organization = await this.visible(viewer, id);
    if (!organization) throw new NotFoundError('Organization not found');
    if (!viewer.isSuperuser) throw new ForbiddenError('Only a superuser may delete organizations');
    if (organization.is_internal) throw new InvalidRequestError('The internal organization cannot be deleted');
    const { users, groups } = await this.organizations.countMembersAndGroups(id);
    if (users > 0 || groups > 0) throw new InvalidRequestError('Organization has users or groups');
    await this.organizations.delete(id);
    await this.audit.record(viewer, {
      actionType: 'organization_delete',
      organizationId: viewer.organizationId,
      meta: { organization_id: id, name: organization.name },
    });
  }

  findByIds(ids: readonly number[]): Promise<OrganizationRow[]> {
    return this.organizations.findByIds(ids);
  }

  private async checkLogo(viewer: Viewer, logoId: string | null | undefined): Promise<void> {
    if (logoId && !(await this.uploads.exists(logoId, 'logo', viewer)))
      throw new InvalidRequestError('Provided logo does not exist');
  }
}
