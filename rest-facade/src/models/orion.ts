import type {
  GetOrionInfoQuery,
  OrionIntegrationInput,
  UpdateOrionConfigMutation,
} from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** OrionServiceInfo as getOrionInfo.graphql selects it. */
export type GraphqlOrionServiceInfo = GetOrionInfoQuery['orionServiceInfo'];

/** OrionIntegration as updateOrionConfig.graphql selects it (the password is never selectable). */
export type GraphqlOrionIntegration = Omit<
  Extract<UpdateOrionConfigMutation['configureOrionIntegration'], { readonly __typename: 'OrionIntegration' }>,
  '__typename'
>;

export type RestOrionInfo = RestSchema<'OrionInfo'>;

/** OrionConfig without `password`: it is write-only (x-note in schema/openapi/sections/10-orion.yaml). */
export type RestOrionConfig = Omit<RestSchema<'OrionConfig'>, 'password'>;

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
export function toOrionIntegrationInput(body: RestSchema<'OrionConfigUpdate'>): OrionIntegrationInput {
  return {
    wsdlUrl: body.wsdl_url,
    login: body.login ?? null,
    ...(body.password === undefined ? {} : { password: body.password }),
  };
}
