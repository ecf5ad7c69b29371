import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { WatchlistsTables } from '../db.js';

/** What a caller may see: every organization (superusers, `organizationId` undefined) or one. */
export interface Scope {
  readonly organizationId?: number;
}

/** The condition "this row is in scope", for a table with an organization column. */
export function inScope(scope: Scope, organizationColumn: string) {
  return (eb: ExpressionBuilder<WatchlistsTables, any>): Expression<SqlBool> =>
    eb.and(scope.organizationId === undefined ? [] : [eb(sql.ref(organizationColumn), '=', scope.organizationId)]);
}
