import type { OrganizationInput } from '../graphql/generated/operations.js';
/** An organization as the RestOrganization fragment selects it. */
export interface GraphqlOrganization {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly logoId?: string | null;
  readonly logoUrl?: string | null;
  readonly isInternal: boolean;
}

export interface RestOrganization {
  name: string;
  description: string;
  logo_id: string | null;
  id: number;
  is_internal: boolean;
  logo_url: string | null;
}

export function toRestOrganization(organization: GraphqlOrganization): RestOrganization {
  return {
    name: organization.name,
    description: organization.description,
    logo_id: organization.logoId ?? null,
    id: organization.id,
    is_internal: organization.isInternal,
    logo_url: organization.logoUrl ?? null,
  };
}

/** REST OrganizationCreate / OrganizationUpdate body → GraphQL OrganizationInput. */
export function toOrganizationInput(body: {
  name: string;
  description: string;
  logo_id?: string | null;
}): OrganizationInput {
  return { name: body.name, description: body.description, logoId: body.logo_id ?? null };
}
