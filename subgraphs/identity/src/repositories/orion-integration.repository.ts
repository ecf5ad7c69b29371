import type { ColumnType, Kysely, Selectable } from 'kysely';
import type { IdentityDb } from '../db.js';

export interface OrionIntegrationTable {
  organization_id: number;
  wsdl_url: string;
  login: string | null;
  /** the password sealed by OrionSecretBox */
  password_sealed: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** The identity database seen through this table alone (db.ts lists the tables other repositories share). */
type OrionDb = Kysely<{ orion_integrations: OrionIntegrationTable }>;

export type OrionIntegrationRow = Selectable<OrionIntegrationTable>;
const COLUMNS = ['organization_id', 'wsdl_url', 'login', 'password_sealed', 'updated_at'] as const;

export class OrionIntegrationRepository {
  private readonly db: OrionDb;

  constructor(db: IdentityDb) {
    this.db = db as unknown as OrionDb;
  }

  findByOrganization(organizationId: number): Promise<OrionIntegrationRow | undefined> {
    return this.db
      .selectFrom('orion_integrations')
      .select(COLUMNS)
      .where('organization_id', '=', organizationId)
      .executeTakeFirst();
  }

  findByOrganizations(organizationIds: readonly number[]): Promise<OrionIntegrationRow[]> {
    if (organizationIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('orion_integrations')
      .select(COLUMNS)
      .where('organization_id', 'in', organizationIds)
      .execute();
  }

  /** Creates or replaces the organization's configuration. */
  save(row: Omit<OrionIntegrationRow, 'updated_at'>): Promise<OrionIntegrationRow> {
    return this.db
      .insertInto('orion_integrations')
      .values({ ...row, updated_at: new Date() })
      .onConflict((oc) =>
        oc.column('organization_id').doUpdateSet((eb) => ({
          wsdl_url: eb.ref('excluded.wsdl_url'),
          login: eb.ref('excluded.login'),
          password_sealed: eb.ref('excluded.password_sealed'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
  }
}
