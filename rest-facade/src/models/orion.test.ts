import { describe, expect, it } from 'vitest';
import { toOrionIntegrationInput, toRestOrionConfig, toRestOrionInfo } from './orion.js';

describe('orion models', () => {
  it('maps GetVersion to the spec names', () => {
    expect(
      toRestOrionInfo({ serviceVersion: '1', softwareVersion: '2', softwareName: 'n', databaseVersion: '3' }),
    ).toEqual({ service_version: '1', software_version: '2', software_name: 'n', database_version: '3' });
  });

  it('answers the configuration without any password field', () => {
    const rest = toRestOrionConfig({
      organizationId: 4,
      wsdlUrl: 'http://o/wsdl',
      login: 'l',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(rest).toEqual({
      wsdl_url: 'http://o/wsdl',
      login: 'l',
      organization_id: 4,
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    expect(rest).not.toHaveProperty('password');
  });

  it('keeps an omitted password omitted and passes an explicit null', () => {
    expect(toOrionIntegrationInput({ wsdl_url: 'u' })).toEqual({ wsdlUrl: 'u', login: null });
    expect(toOrionIntegrationInput({ wsdl_url: 'u', login: 'l', password: null })).toEqual({
      wsdlUrl: 'u',
      login: 'l',
      password: null,
    });
    expect(toOrionIntegrationInput({ wsdl_url: 'u', login: 'l', password: 'p' })).toEqual({
      wsdlUrl: 'u',
      login: 'l',
      password: 'p',
    });
  });
});
