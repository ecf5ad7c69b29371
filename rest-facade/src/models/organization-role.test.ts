import { describe, expect, it } from 'vitest';
import { toOrganizationInput, toRestOrganization } from './organization.js';
import { toRestRole, toRoleInput } from './role.js';
import { toRestStatusOk } from './status-ok.js';
import { formString, toRestToken } from './token.js';

describe('organization, role, token and status mappers', () => {
  it('maps the REST Organization model', () => {
    expect(
      toRestOrganization({ id: 2, name: 'Acme', description: 'd', logoId: null, logoUrl: null, isInternal: false }),
    ).toEqual({ name: 'Acme', description: 'd', logo_id: null, id: 2, is_internal: false, logo_url: null });
    expect(toOrganizationInput({ name: 'Acme', description: 'd', logo_id: 'u' })).toEqual({
      name: 'Acme',
      description: 'd',
      logoId: 'u',
    });
  });

  it('maps the REST Role model', () => {
    expect(toRestRole({ id: 1, name: 'administrator', description: 'All', isInternal: true })).toEqual({
      name: 'administrator',
      description: 'All',
      id: 1,
      is_internal: true,
    });
    expect(toRoleInput({ name: 'r', description: 'd' })).toEqual({ name: 'r', description: 'd' });
  });

  it('maps the REST Token model', () => {
    expect(toRestToken({ accessToken: 'a', refreshToken: 'r', tokenType: 'bearer', expiresIn: 900 })).toEqual({
      access_token: 'a',
      refresh_token: 'r',
      token_type: 'bearer',
      expires_in: 900,
    });
  });

  it('passes only non-empty form strings on', () => {
    expect(formString('x')).toBe('x');
    expect(formString('')).toBeUndefined();
    expect(formString(null)).toBeUndefined();
    expect(formString(['x', 'y'])).toBeUndefined();
  });

  it('answers {status: "ok"} for GraphQL Ok', () => {
    expect(toRestStatusOk()).toEqual({ status: 'ok' });
  });
});
