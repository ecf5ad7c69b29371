import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { TopologyTables } from '../db.js';

/**
 * What a caller may see: every organization (superusers) or one; and, for members of groups,
 * only the places of those groups and what is on them.
 */
export interface Visibility {
  readonly organizationId?: number;
  readonly groupIds?: readonly number[];
}

/** The condition "this row is visible", for a table with organization and place columns. */
export function visibleRow(v: Visibility, organizationColumn: string, placeColumn: string) {
  return (eb: ExpressionBuilder<TopologyTables, any>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    if (v.organizationId !== undefined) conditions.push(eb(sql.ref(organizationColumn), '=', v.organizationId));
    if (v.groupIds && v.groupIds.length === 0) conditions.push(sql<SqlBool>`false`);
    else if (v.groupIds) {
      const placesOfGroups = eb
        .selectFrom('group_places')
        .select('group_places.place_id')
        .where('group_places.group_id', 'in', v.groupIds);
      conditions.push(eb(sql.ref(placeColumn), 'in', placesOfGroups));
    }
    return eb.and(conditions);
  };
}

/** The condition "the place is in this group". */
export function inGroup(groupId: number, placeColumn: string) {
  return (eb: ExpressionBuilder<TopologyTables, any>): Expression<SqlBool> =>
    eb(
      sql.ref(placeColumn),
      'in',
      eb.selectFrom('group_places').select('group_places.place_id').where('group_places.group_id', '=', groupId),
    );
}
