import type { ColumnType, Generated, Kysely } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganizationTable {
  id: Generated<number>;
  name: string;
  description: string;
  logo_id: string | null;
  is_internal: Generated<boolean>;
  created_at: Timestamp;
}

export interface RoleTable {
  id: Generated<number>;
  name: string;
  description: string;
  is_internal: Generated<boolean>;
}

export interface RolePermissionTable {
  role_id: number;
  permission: string;
}

export interface UserTable {
  id: Generated<number>;
  organization_id: number;
  role_id: number;
  email: string;
  password_hash: string;
  first_name: string;
  last_name: string;
  avatar_id: string | null;
  is_superuser: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  description: string;
  is_internal: Generated<boolean>;
  created_at: Timestamp;
}

export interface GroupMemberTable {
  user_id: number;
  group_id: number;
}

export interface TokenTable {
  id: string;
  user_id: number;
  kind: 'access' | 'refresh';
  refresh_token_id: string | null;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: string;
  action_type: string;
  organization_id: number;
  organization_name: string;
  user_id: number;
  user_email: string;
  user_first_name: string;
  user_last_name: string;
  user_avatar_id: string | null;
  user_role_id: number;
  user_role_name: string;
  user_groups: ColumnType<{ id: number; name: string }[], string, string>;
  user_is_superuser: boolean;
  client_ip: string | null;
  meta: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
}

/** Failed sign-ins of one key (`account:<email>` or `ip:<address>`) and its lock. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  lock_count: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}

export interface IdentityTables {
  organizations: OrganizationTable;
  roles: RoleTable;
  role_permissions: RolePermissionTable;
  users: UserTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  tokens: TokenTable;
  audit_logs: AuditLogTable;
  login_throttles: LoginThrottleTable;
}

/** Kysely bound to the identity schema. */
export type IdentityDb = Kysely<IdentityTables>;

export const IDENTITY_SCHEMA = 'identity';

export function identityDb(db: Kysely<any>): IdentityDb {
  return (db as Kysely<IdentityTables>).withSchema(IDENTITY_SCHEMA);
}
