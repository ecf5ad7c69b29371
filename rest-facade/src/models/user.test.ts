import { describe, expect, it } from 'vitest';
import { toProfileInput, toRestUser, toRestUserMe, toUserInput, type GraphqlUser } from './user.js';

const graphqlUser: GraphqlUser = {
  id: 7,
  email: 'ann@example.com',
  firstName: 'Ann',
  lastName: 'Lee',
  avatarId: 'b3a1c0de-0000-4000-8000-000000000001',
  avatarUrl: '/api/v1/uploads/b3a1c0de-0000-4000-8000-000000000001/content',
  isSuperuser: false,
  roleId: 2,
  organizationId: 3,
  organization: { name: 'Acme' },
  groups: [{ id: 5, name: 'Night shift' }],
  permissions: ['camera_read', 'user_me_read'],
};

describe('toRestUser', () => {
  it('maps every field of the REST User model', () => {
    expect(toRestUser(graphqlUser)).toEqual({
      first_name: 'Ann',
      last_name: 'Lee',
      avatar_id: 'b3a1c0de-0000-4000-8000-000000000001',
      email: 'ann@example.com',
      id: 7,
      organization_id: 3,
      organization_name: 'Acme',
      avatar_url: '/api/v1/uploads/b3a1c0de-0000-4000-8000-000000000001/content',
      groups: [{ id: 5, name: 'Night shift' }],
      is_superuser: false,
      role_id: 2,
    });
  });

  it('leaves permissions to /users/me', () => {
    expect(toRestUser(graphqlUser)).not.toHaveProperty('permissions');
    expect(toRestUserMe(graphqlUser).permissions).toEqual(['camera_read', 'user_me_read']);
  });

  it('gives null for a missing avatar', () => {
    const rest = toRestUser({ ...graphqlUser, avatarId: null, avatarUrl: null });
    expect(rest.avatar_id).toBeNull();
    expect(rest.avatar_url).toBeNull();
  });
});

describe('REST bodies → GraphQL inputs', () => {
  it('builds UserInput (camelCase, optional password and avatar as null)', () => {
    expect(toUserInput({ first_name: 'A', last_name: 'B', email: 'a@b.c', group_ids: [1], role_id: 2 })).toEqual({
      firstName: 'A',
      lastName: 'B',
      avatarId: null,
      email: 'a@b.c',
      password: null,
      groupIds: [1],
      roleId: 2,
    });
    expect(
      toUserInput({ first_name: 'A', last_name: 'B', email: 'a@b.c', password: 'secret-1', group_ids: [], role_id: 2 })
        .password,
    ).toBe('secret-1');
  });

  it('builds ProfileInput', () => {
    expect(toProfileInput({ first_name: 'A', last_name: 'B', avatar_id: 'x' })).toEqual({
      firstName: 'A',
      lastName: 'B',
      avatarId: 'x',
    });
  });
});
