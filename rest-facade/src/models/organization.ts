import type { OrganizationInput, RestOrganizationFragment } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** An organization as the RestOrganization fragment selects it. */
export type GraphqlOrganization = RestOrganizationFragment;

export type RestOrganization = RestSchema<'Organization'>;

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
