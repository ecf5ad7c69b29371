import { describe, expect, it } from 'vitest';
import { toAuditLogOrder, toRestAuditLog } from './audit-log.js';

describe('toRestAuditLog', () => {
  it('flattens the acting user into user_* fields', () => {
    expect(
      toRestAuditLog({
        id: '0b7c2d4e-1111-4222-8333-444455556666',
        actionType: 'user_login',
        createdAt: '2024-05-01T10:00:00.000Z',
        clientIp: '10.0.0.5',
        meta: { role_id: 2 },
        organizationId: 1,
        organizationName: 'Argus',
        user: {
          id: 1,
          email: 'admin@argus.local',
          firstName: 'Argus',
          lastName: 'Administrator',
          avatarId: null,
          avatarUrl: null,
          roleId: 1,
          roleName: 'administrator',
          groups: [{ id: 3, name: 'Ops' }],
          isSuperuser: true,
        },
      }),
    ).toEqual({
      action_type: 'user_login',
      user_id: 1,
      client_ip: '10.0.0.5',
      meta: { role_id: 2 },
      id: '0b7c2d4e-1111-4222-8333-444455556666',
      organization_id: 1,
      organization_name: 'Argus',
      created_at: '2024-05-01T10:00:00.000Z',
      user_email: 'admin@argus.local',
      user_first_name: 'Argus',
      user_last_name: 'Administrator',
      user_avatar_id: null,
      user_role_id: 1,
      user_role_name: 'administrator',
      user_avatar_url: null,
      user_groups: [{ id: 3, name: 'Ops' }],
      user_is_superuser: true,
    });
  });

  it('maps order_by onto AuditLogOrder', () => {
    expect(toAuditLogOrder('created_at')).toBe('CREATED_AT_ASC');
    expect(toAuditLogOrder('-created_at')).toBe('CREATED_AT_DESC');
    expect(toAuditLogOrder(undefined)).toBeUndefined();
  });
});
