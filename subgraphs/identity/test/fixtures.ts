import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { createLogger, migrateSchema, noUploads, type Database, type Viewer } from '@argus/core';
import { openTestDatabase } from '../../../test/support/database.js';
import type { IdentityConfig } from '../src/config.js';
import { identityDb, IDENTITY_SCHEMA, type IdentityDb } from '../src/db.js';
import type { GroupRow } from '../src/repositories/group.repository.js';
import type { OrganizationRow } from '../src/repositories/organization.repository.js';
import type { UserRow } from '../src/repositories/user.repository.js';
import { createServices, type IdentityServices } from '../src/services/index.js';

const MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export const ADMIN = { email: 'admin@argus.test', password: 'admin-password-1' };
export const PASSWORD = 'correct-horse-battery';
export const CLIENT_IP = '203.0.113.7';

export type RoleName = 'administrator' | 'operator' | 'viewer';

export function testConfig(overrides: Partial<IdentityConfig> = {}): IdentityConfig {
  return Object.freeze({
    host: '127.0.0.1',
    dataDir: '',
    database: { dataDir: '' },
    tokenSigningKey: 'identity-integration-tests-signing-key-0123456789',
    internalKey: 'identity-integration-tests-internal-key-0123456789',
    logLevel: 'silent',
    port: 0,
    accessTokenTtlSeconds: 900,
    refreshTokenTtlSeconds: 3600,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    mediaUrl: 'http://127.0.0.1:9/graphql',
    graphiql: false,
    orionTimeoutMs: 2_000,
    passwordMinLength: 8,
    loginThrottle: {
      accountMaxFailures: 5,
      ipMaxFailures: 50,
      windowSeconds: 900,
      lockSeconds: 60,
      maxLockSeconds: 900,
    },
    ...overrides,
  });
}

export interface NewUser {
  readonly organizationId: number;
  readonly role?: RoleName | number;
  readonly email?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly groupId?: number;
  readonly password?: string;
}

/** A migrated, bootstrapped identity database with its services and helpers to populate it. */
export interface Identity {
  readonly database: Database & { url?: string };
  readonly db: IdentityDb;
  readonly services: IdentityServices;
  readonly internalOrganizationId: number;
  readonly roles: Readonly<Record<RoleName, number>>;
  /** the bootstrapped superuser, calling from CLIENT_IP */
  readonly admin: Viewer;
  readonly adminRow: UserRow;
  /** services over the same database with another configuration (e.g. short token lifetimes) */
  servicesWith(overrides: Partial<IdentityConfig>): IdentityServices;
  organization(name?: string): Promise<OrganizationRow>;
  group(organizationId: number, name?: string): Promise<GroupRow>;
  user(spec: NewUser): Promise<{ row: UserRow; viewer: Viewer }>;
  /** the caller behind a user row, as a fresh request would see it */
  viewerOf(row: UserRow, clientIp?: string): Promise<Viewer>;
  close(): Promise<void>;
}

let serial = 0;
/** A unique suffix so tests sharing one database never collide on names or emails. */
export function unique(prefix: string): string {
  serial += 1;
  return `${prefix}${serial}`;
}

async function migrate(database: Database): Promise<void> {
  await migrateSchema(database.db, IDENTITY_SCHEMA, MIGRATIONS);
}

export async function openIdentity(): Promise<Identity> {
  const database = await openTestDatabase();
  await migrate(database);
  const db = identityDb(database.db);
  const logger = createLogger('identity', 'silent');
  const services = createServices(db, testConfig(), noUploads, logger);
  await services.bootstrap.run({ email: ADMIN.email, password: ADMIN.password });

  const roleRows = await db.selectFrom('roles').select(['id', 'name']).where('is_internal', '=', true).execute();
  const roles = Object.fromEntries(roleRows.map((r) => [r.name, r.id])) as Record<RoleName, number>;
  const internal = await db
    .selectFrom('organizations')
    .select('id')
    .where('is_internal', '=', true)
    .executeTakeFirstOrThrow();
  const { id: adminId } = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', ADMIN.email)
    .executeTakeFirstOrThrow();
  const adminRow = (await services.users.findByIds([adminId]))[0]!;
  const viewerOf = async (row: UserRow, clientIp = CLIENT_IP) => services.tokens.viewerOf(row, randomUUID(), clientIp);
  const admin = await viewerOf(adminRow);

  return {
    database,
    db,
    services,
    internalOrganizationId: internal.id,
    roles,
    admin,
    adminRow,
    servicesWith: (overrides) => createServices(db, testConfig(overrides), noUploads, logger),
    organization: (name = unique('Org ')) =>
      services.organizations.create(admin, { name, description: 'test organization' }),
    group: (organizationId, name = unique('Group ')) =>
      services.groups.create(admin, { name, description: '' }, organizationId),
    async user(spec) {
      const roleId = typeof spec.role === 'number' ? spec.role : roles[spec.role ?? 'viewer'];
      const row = await services.users.create(
        admin,
        {
          firstName: spec.firstName ?? 'Test',
          lastName: spec.lastName ?? 'User',
          email: spec.email ?? `${unique('user')}@example.test`,
          password: spec.password ?? PASSWORD,
          groupIds: spec.groupId === undefined ? [] : [spec.groupId],
          roleId,
        },
        spec.organizationId,
      );
      return { row, viewer: await viewerOf(row) };
    },
    viewerOf,
    close: () => database.close(),
  };
}

/** The error a call rejects with; the test fails when it resolves instead. */
export async function rejection(
  work: Promise<unknown> | (() => Promise<unknown>),
): Promise<Error & { status?: string; field?: string[] }> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    return error as Error & { status?: string; field?: string[] };
  }
  return expect.fail('expected the call to be refused');
}
