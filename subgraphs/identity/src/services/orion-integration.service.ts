import {
  canSeeOrganization,
  InputValidationError,
  InvalidRequestError,
  NotFoundError,
  requirePermission,
  scopeOrganization,
  UnavailableError,
  type AuditRecorder,
  type Viewer,
} from '@argus/core';
import { OrionCallError, OrionSoapClient, OrionWsdlError, type OrionVersion } from '../orion/orion-soap-client.js';
import type { OrionSecretBox } from '../orion/orion-secret.js';
import { checkWsdlUrl } from '../orion/orion-url.js';
import type { OrganizationRepository } from '../repositories/organization.repository.js';
import type { OrionIntegrationRepository, OrionIntegrationRow } from '../repositories/orion-integration.repository.js';

export interface OrionIntegrationInput {
  readonly wsdlUrl: string;
  readonly login?: string | null;
  /** omitted: keep the stored password while the login stays the same; null: remove it */
  readonly password?: string | null;
}

/** An organization's Orion configuration as it may be answered: the password only as whether one is stored. */
export interface OrionIntegrationView {
  readonly organizationId: number;
  readonly wsdlUrl: string;
  readonly login: string | null;
  readonly hasPassword: boolean;
  readonly updatedAt: Date;
}

export interface OrionIntegrationLoader {
  load(organizationId: number): Promise<OrionIntegrationView | undefined>;
}

const CLIENT_CACHE_SIZE = 256;

/**
 * Orion integration settings, one per organization: the WSDL must load before it is
 * stored; GetVersion is called with the stored login and password. Superusers may name another
 * organization; everyone else acts in their own.
 */
export class OrionIntegrationService {
  /** clients by organization, valid while the configuration's `updated_at` is the one they were built for */
  private readonly clients = new Map<number, { version: number; client: OrionSoapClient }>();

  constructor(
    private readonly integrations: OrionIntegrationRepository,
    private readonly organizations: OrganizationRepository,
    private readonly secrets: OrionSecretBox,
    private readonly audit: AuditRecorder,
    private readonly timeoutMs: number,
  ) {}

  /** The organization's configuration, through the request's batch loader (see byOrganizations). */
  async find(
    viewer: Viewer,
    organizationId: number,
    loader: OrionIntegrationLoader,
  ): Promise<OrionIntegrationView | null> {
    requirePermission(viewer, 'orion_read');
    if (!canSeeOrganization(viewer, organizationId)) return null;
    return (await loader.load(organizationId)) ?? null;
  }

  /** Configurations by organization, unchecked: for the batch loader behind find. */
  async byOrganizations(organizationIds: readonly number[]): Promise<Map<number, OrionIntegrationView>> {
    const rows = await this.integrations.findByOrganizations(organizationIds);
    return new Map(rows.map((row) => [row.organization_id, toView(row)]));
  }

  async configure(
    viewer: Viewer,
    input: OrionIntegrationInput,
    organizationId?: number | null,
  ): Promise<OrionIntegrationView> {
    const scope = scopeOrganization(viewer, organizationId);
    if (!(await this.organizations.findById(scope))) throw new NotFoundError('Organization not found');
    const existing = await this.integrations.findByOrganization(scope);
    requirePermission(viewer, existing ? 'orion_update' : 'orion_create');
    const wsdlUrl = checkWsdlUrl(checkLength(input.wsdlUrl, 'wsdlUrl', 512));
    const login = input.login === undefined || input.login === null ? null : checkLength(input.login, 'login', 255);
    const password = this.passwordOf(input, login, existing);
    if (password !== null && login === null) {
      throw new InputValidationError('a password needs a login', ['input', 'login'], 'missing');
    }
    let client: OrionSoapClient;
    try {
      client = await OrionSoapClient.load(wsdlUrl, { login, password }, this.timeoutMs);
    } catch (error) {
      if (error instanceof OrionWsdlError) throw new InvalidRequestError(error.message);
      throw error;
    }
    const row = await this.integrations.save({
      organization_id: scope,
      wsdl_url: wsdlUrl,
      login,
      password_sealed: password === null ? null : this.secrets.seal(password),
    });
    this.remember(scope, row, client);
    await this.audit.record(viewer, {
      actionType: existing ? 'orion_update' : 'orion_create',
      organizationId: scope,
      meta: { organization_id: scope, wsdl_url: wsdlUrl, login, password_changed: input.password !== undefined },
    });
    return toView(row);
  }

  /** GetVersion of the organization's Orion service. */
  async serviceInfo(viewer: Viewer, organizationId?: number | null): Promise<OrionVersion> {
    requirePermission(viewer, 'orion_read');
    const scope = scopeOrganization(viewer, organizationId);
    const row = await this.integrations.findByOrganization(scope);
    if (!row) throw new InvalidRequestError('Orion integration is not configured for this organization');
    try {
      return await (await this.clientOf(row)).version();
    } catch (error) {
      if (error instanceof OrionCallError) {
        throw error.kind === 'client' ? new InvalidRequestError(error.message) : new UnavailableError(error.message);
      }
      if (error instanceof OrionWsdlError) throw new UnavailableError(`Orion is not available: ${error.message}`);
      throw error;
    }
  }

  private passwordOf(
    input: OrionIntegrationInput,
    login: string | null,
    existing: OrionIntegrationRow | undefined,
  ): string | null {
    if (input.password === null) return null;
    if (input.password !== undefined) return checkLength(input.password, 'password', 255);
    if (!existing?.password_sealed || login === null || existing.login !== login) return null;
    return this.secrets.open(existing.password_sealed) ?? null;
  }

  private async clientOf(row: OrionIntegrationRow): Promise<OrionSoapClient> {
    const cached = this.clients.get(row.organization_id);
    if (cached && cached.version === row.updated_at.getTime()) return cached.client;
    const password = row.password_sealed === null ? null : this.secrets.open(row.password_sealed);
    if (password === undefined)
      throw new InvalidRequestError('The stored Orion password cannot be read: configure the integration again');
    const client = await OrionSoapClient.load(row.wsdl_url, { login: row.login, password }, this.timeoutMs);
    this.remember(row.organization_id, row, client);
    return client;
  }

  private remember(organizationId: number, row: OrionIntegrationRow, client: OrionSoapClient): void {
    this.clients.delete(organizationId);
    if (this.clients.size >= CLIENT_CACHE_SIZE) this.clients.delete(this.clients.keys().next().value!);
    this.clients.set(organizationId, { version: row.updated_at.getTime(), client });
  }
}

function toView(row: OrionIntegrationRow): OrionIntegrationView {
  return {
    organizationId: row.organization_id,
    wsdlUrl: row.wsdl_url,
    login: row.login,
    hasPassword: row.password_sealed !== null,
    updatedAt: row.updated_at,
  };
}

/** 1..max characters, for an input field of the integration. */
function checkLength(value: string, field: string, max: number): string {
  if (value.length < 1 || value.length > max) {
    throw new InputValidationError(`ensure this value has 1 to ${max} characters`, ['input', field], 'too_long', {
      limit: max,
    });
  }
  return value;
}
