import type { OrionVersion } from '../orion/orion-soap-client.js';
import type { OrionIntegrationView } from '../services/orion-integration.service.js';
import { builder } from './builder.js';

export const OrionIntegration = builder.objectRef<OrionIntegrationView>('OrionIntegration').implement({
  description: "An organization's Orion SOAP service settings; the password is write-only",
  fields: (t) => ({
    organizationId: t.exposeInt('organizationId'),
    wsdlUrl: t.exposeString('wsdlUrl'),
    login: t.exposeString('login', { nullable: true }),
    hasPassword: t.exposeBoolean('hasPassword', { description: 'Whether a password is stored (it is never answered)' }),
    updatedAt: t.field({ type: 'DateTime', resolve: (integration) => integration.updatedAt }),
  }),
});

export const OrionServiceInfo = builder.objectRef<OrionVersion>('OrionServiceInfo').implement({
  description: "What the organization's Orion service answers to GetVersion",
  fields: (t) => ({
    serviceVersion: t.exposeString('serviceVersion'),
    softwareVersion: t.exposeString('softwareVersion'),
    softwareName: t.exposeString('softwareName'),
    databaseVersion: t.exposeString('databaseVersion'),
  }),
});

export const OrionIntegrationInput = builder.inputType('OrionIntegrationInput', {
  fields: (t) => ({
    wsdlUrl: t.string({ required: true, description: 'http(s) URL of the WSDL, 1..512 characters' }),
    login: t.string({ description: 'HTTP Basic login for the WSDL and the calls; null: none' }),
    password: t.string({ description: 'Omitted: keep the stored password while the login is unchanged; null: none' }),
  }),
});
