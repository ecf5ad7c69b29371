import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema.withSchema('identity');

  await s
    .createTable('organizations')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'varchar(2048)', (c) => c.notNull().defaultTo(''))
    .addColumn('logo_id', 'text')
    .addColumn('is_internal', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await s
    .createTable('roles')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('description', 'varchar(2048)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_internal', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await s
    .createTable('role_permissions')
    .addColumn('role_id', 'integer', (c) => c.notNull().references('identity.roles.id').onDelete('cascade'))
    .addColumn('permission', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('role_permissions_pk', ['role_id', 'permission'])
    .execute();

  await s
    .createTable('users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('identity.organizations.id'))
    .addColumn('role_id', 'integer', (c) => c.notNull().references('identity.roles.id'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('first_name', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_name', 'varchar(32)', (c) => c.notNull())
    .addColumn('avatar_id', 'text')
    .addColumn('is_superuser', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_key on identity.users (lower(email))`.execute(db);
  await s.createIndex('users_organization_idx').on('users').columns(['organization_id', 'id']).execute();

  await s
    .createTable('groups')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organization_id', 'integer', (c) => c.notNull().references('identity.organizations.id'))
    .addColumn('name', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'varchar(2048)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_internal', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('groups_organization_idx').on('groups').columns(['organization_id', 'id']).execute();

  // A user belongs to at most one group: user_id is the key.
  await s
    .createTable('group_members')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('identity.users.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.notNull().references('identity.groups.id'))
    .execute();
  await s.createIndex('group_members_group_idx').on('group_members').columns(['group_id', 'user_id']).execute();

  await s
    .createTable('tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('identity.users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('refresh_token_id', 'uuid')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s.createIndex('tokens_refresh_idx').on('tokens').column('refresh_token_id').execute();
  await s.createIndex('tokens_expiry_idx').on('tokens').column('expires_at').execute();

  // Entries are snapshots: they keep who acted even after that user changes or is deleted.
  await s
    .createTable('audit_logs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('action_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('organization_id', 'integer', (c) => c.notNull())
    .addColumn('organization_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('user_email', 'varchar(320)', (c) => c.notNull())
    .addColumn('user_first_name', 'varchar(32)', (c) => c.notNull())
    .addColumn('user_last_name', 'varchar(32)', (c) => c.notNull())
    .addColumn('user_avatar_id', 'text')
    .addColumn('user_role_id', 'integer', (c) => c.notNull())
    .addColumn('user_role_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_groups', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('user_is_superuser', 'boolean', (c) => c.notNull())
    .addColumn('client_ip', 'varchar(64)')
    .addColumn('meta', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await s
    .createIndex('audit_logs_org_created_idx')
    .on('audit_logs')
    .columns(['organization_id', 'created_at', 'id'])
    .execute();
  await s.createIndex('audit_logs_created_idx').on('audit_logs').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_logs',
    'tokens',
    'group_members',
    'groups',
    'users',
    'role_permissions',
    'roles',
    'organizations',
  ]) {
    await db.schema.withSchema('identity').dropTable(table).ifExists().execute();
  }
}
