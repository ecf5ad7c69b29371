import { sql, type Kysely } from 'kysely';

/**
 * Notices on channel `identity_viewer_changes` whenever what a token check answers may change, sent
 * by triggers inside the writing transaction (PostgreSQL delivers them at its commit, in commit
 * order): `token:<id>` when an access token is revoked or deleted, `user:<id>` when a user's role or
 * superuser flag changes, the user is deleted or their group membership changes, `role:<id>` when a
 * role's permissions change, and `all` when tokens or users are truncated.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function identity.notify_token_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('identity_viewer_changes', 'token:' || old.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger tokens_viewer_change after update of revoked_at on identity.tokens for each row
    when (old.kind = 'access' and old.revoked_at is null and new.revoked_at is not null)
    execute function identity.notify_token_change()`.execute(db);
  await sql`
    create trigger tokens_viewer_delete after delete on identity.tokens for each row
    when (old.kind = 'access') execute function identity.notify_token_change()`.execute(db);

  await sql`
    create function identity.notify_user_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('identity_viewer_changes', 'user:' || old.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger users_viewer_change after update on identity.users for each row
    when (old.role_id is distinct from new.role_id or old.is_superuser is distinct from new.is_superuser
      or old.organization_id is distinct from new.organization_id)
    execute function identity.notify_user_change()`.execute(db);
  await sql`
    create trigger users_viewer_delete after delete on identity.users for each row
    execute function identity.notify_user_change()`.execute(db);

  await sql`
    create function identity.notify_membership_change() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then perform pg_notify('identity_viewer_changes', 'user:' || old.user_id); end if;
      if tg_op in ('INSERT', 'UPDATE') then perform pg_notify('identity_viewer_changes', 'user:' || new.user_id); end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger group_members_viewer_change after insert or update or delete on identity.group_members
    for each row execute function identity.notify_membership_change()`.execute(db);

  await sql`
    create function identity.notify_role_change() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then perform pg_notify('identity_viewer_changes', 'role:' || old.role_id); end if;
      if tg_op in ('INSERT', 'UPDATE') then perform pg_notify('identity_viewer_changes', 'role:' || new.role_id); end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger role_permissions_viewer_change after insert or update or delete on identity.role_permissions
    for each row execute function identity.notify_role_change()`.execute(db);

  await sql`
    create function identity.notify_all_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('identity_viewer_changes', 'all');
      return null;
    end $$`.execute(db);
  for (const table of ['tokens', 'users', 'group_members', 'role_permissions']) {
    await sql`
      create trigger ${sql.id(`${table}_viewer_truncate`)} after truncate on ${sql.id('identity', table)}
      for each statement execute function identity.notify_all_change()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['tokens', 'users', 'group_members', 'role_permissions']) {
    await sql`drop trigger ${sql.id(`${table}_viewer_truncate`)} on ${sql.id('identity', table)}`.execute(db);
  }
  await sql`drop trigger role_permissions_viewer_change on identity.role_permissions`.execute(db);
  await sql`drop trigger group_members_viewer_change on identity.group_members`.execute(db);
  await sql`drop trigger users_viewer_delete on identity.users`.execute(db);
  await sql`drop trigger users_viewer_change on identity.users`.execute(db);
  await sql`drop trigger tokens_viewer_delete on identity.tokens`.execute(db);
  await sql`drop trigger tokens_viewer_change on identity.tokens`.execute(db);
  for (const fn of ['notify_all_change', 'notify_role_change', 'notify_membership_change', 'notify_user_change']) {
    await sql`drop function ${sql.id('identity', fn)}()`.execute(db);
  }
  await sql`drop function identity.notify_token_change()`.execute(db);
}
