import { builder } from './builder.js';
import { GroupRef } from './group-ref.type.js';

export interface AuditUserShape {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  avatarId: string | null;
  avatarUrl: string | null;
  roleId: number;
  roleName: string;
  groups: { id: number; name: string }[];
  isSuperuser: boolean;
}

export const AuditUser = builder.objectRef<AuditUserShape>('AuditUser').implement({
  description: 'The user who acted, as they were at that moment',
  fields: (t) => ({
    id: t.exposeInt('id'),
    email: t.exposeString('email'),
    firstName: t.exposeString('firstName'),
    lastName: t.exposeString('lastName'),
    avatarId: t.exposeString('avatarId', { nullable: true }),
    avatarUrl: t.exposeString('avatarUrl', { nullable: true }),
    roleId: t.exposeInt('roleId'),
    roleName: t.exposeString('roleName'),
    groups: t.field({ type: [GroupRef], resolve: (u) => u.groups }),
    isSuperuser: t.exposeBoolean('isSuperuser'),
  }),
});
