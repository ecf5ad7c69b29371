import { sql, type RawBuilder } from 'kysely';

/**
 * Which events a query may return, as SQL: one organization (none: every organization, for
 * superusers), and for group members or a group filter only these places; optionally one camera.
 */
export interface EventScope {
  readonly organizationId?: number;
  /** only events of cameras on these places (empty: nothing) */
  readonly placeIds?: readonly number[];
  /** a second restriction to places (the caller's groups and a group filter both apply) */
  readonly alsoPlaceIds?: readonly number[];
  readonly cameraIds?: readonly string[];
  readonly placeId?: number;
}

/** `and …` conditions on the events table aliased `e`. */
export function scopeSql(scope: EventScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (scope.organizationId !== undefined) parts.push(sql`and e.organization_id = ${scope.organizationId}`);
  for (const places of [scope.placeIds, scope.alsoPlaceIds]) {
    if (places === undefined) continue;
    parts.push(
      places.length === 0 ? sql`and false` : sql`and e.place_id in (${sql.join(places.map((p) => sql`${p}`))})`,
    );
  }
  if (scope.cameraIds !== undefined) {
    parts.push(
      scope.cameraIds.length === 0
        ? sql`and false`
        : sql`and e.camera_id in (${sql.join(scope.cameraIds.map((c) => sql`${c}::uuid`))})`,
    );
  }
  if (scope.placeId !== undefined) parts.push(sql`and e.place_id = ${scope.placeId}`);
  return sql.join(parts, sql` `);
}
