import type { Selectable } from 'kysely';
import type { AuditLogTable, IdentityDb } from '../db.js';

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLog = Omit<AuditLogRow, 'created_at'>;

const COLUMNS = [
  'id',
  'action_type',
  'organization_id',
  'organization_name',
  'user_id',
  'user_email',
  'user_first_name',
  'user_last_name',
  'user_avatar_id',
  'user_role_id',
  'user_role_name',
  'user_groups',
  'user_is_superuser',
  'client_ip',
  'meta',
  'created_at',
] as const;

export interface AuditLogQuery {
  readonly organizationId?: number;
  readonly userIds?: readonly number[];
  readonly actionTypes?: readonly string[];
  readonly from: Date;
  readonly to: Date;
  readonly descending: boolean;
  readonly limit: number;
  /** the last row of the previous page: [created_at ISO, id] */
  readonly after?: readonly [string, string];
}

export class AuditLogRepository {
  constructor(private readonly db: IdentityDb) {}

  async insert(entry: NewAuditLog): Promise<void> {
    await this.db
      .insertInto('audit_logs')
      .values({
        ...entry,
        // millisecond precision, so the cursor (an ISO timestamp) matches the stored value exactly
        created_at: new Date(),
        user_groups: JSON.stringify(entry.user_groups),
        meta: JSON.stringify(entry.meta),
      })
      .execute();
  }

  findById(id: string): Promise<AuditLogRow | undefined> {
    return this.db.selectFrom('audit_logs').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  list(q: AuditLogQuery): Promise<AuditLogRow[]> {
    let query = this.db
      .selectFrom('audit_logs')
      .select(COLUMNS)
      .where('created_at', '>=', q.from)
      .where('created_at', '<=', q.to);
    if (q.organizationId !== undefined) query = query.where('organization_id', '=', q.organizationId);
    if (q.userIds && q.userIds.length > 0) query = query.where('user_id', 'in', q.userIds);
    if (q.actionTypes && q.actionTypes.length > 0) query = query.where('action_type', 'in', q.actionTypes);
    if (q.after) {
      const [createdAt, id] = q.after;
      const op = q.descending ? '<' : '>';
      query = query.where((eb) =>
        eb.or([
          eb('created_at', op, new Date(createdAt)),
          eb.and([eb('created_at', '=', new Date(createdAt)), eb('id', op, id)]),
        ]),
      );
    }
    const direction = q.descending ? 'desc' : 'asc';
    return query
      .orderBy('created_at', direction)
      .orderBy('id', direction)
      .limit(q.limit + 1)
      .execute();
  }
}
