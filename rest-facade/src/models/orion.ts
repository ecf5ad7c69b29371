/** OrionServiceInfo as getOrionInfo.graphql selects it. */
export interface GraphqlOrionServiceInfo {
  readonly serviceVersion: string;
  readonly softwareVersion: string;
  readonly softwareName: string;
  readonly databaseVersion: string;
}

/** OrionIntegration as updateOrionConfig.graphql selects it (the password is never selectable). */
export interface GraphqlOrionIntegration {
  readonly organizationId: number;
  readonly wsdlUrl: string;
  readonly login?: string | null;
  readonly updatedAt: string;
}

export interface RestOrionInfo {
  service_version: string;
  software_version: string;
  software_name: string;
  database_version: string;
}

/** OrionConfig without `password`: it is write-only (x-note in schema/openapi/sections/10-orion.yaml). */
export interface RestOrionConfig {
  wsdl_url: string;
  login: string | null;
  organization_id: number;
  updated_at: string;
}

export function toRestOrionInfo(info: GraphqlOrionServiceInfo): RestOrionInfo {
  return {
    service_version: info.serviceVersion,
    software_version: info.softwareVersion,
    software_name: info.softwareName,
    database_version: info.databaseVersion,
  };
}

export function toRestOrionConfig(integration: GraphqlOrionIntegration): RestOrionConfig {
  return {
    wsdl_url: integration.wsdlUrl,
    login: integration.login ?? null,
    organization_id: integration.organizationId,
    updated_at: integration.updatedAt,
  };
}

/** REST OrionConfigUpdate → GraphQL OrionIntegrationInput; an omitted password stays omitted (keeps the stored one). */
export function toOrionIntegrationInput(body: { wsdl_url: string; login?: string | null; password?: string | null }) {
  return {
    wsdlUrl: body.wsdl_url,
    login: body.login ?? null,
    ...(body.password === undefined ? {} : { password: body.password }),
  };
}
