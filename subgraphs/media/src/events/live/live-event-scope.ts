import type { EventScope } from '../../repositories/event-scope.js';
import type { EventView, RecognitionEventType } from '../event.types.js';
import type { EventNotice } from './event-notice.js';

/**
 * What one subscriber receives, decided once when it subscribes: its organization (none for
 * superusers), the places it may see and asked for (group members see only their groups'
 * places; a group or place filter narrows further), cameras, types, and for matches a least
 * priority. Checked on each notice before anything is loaded, and again on the stored event.
 */
export interface LiveEventScope {
  readonly kind: EventNotice['kind'];
  readonly organizationId?: number;
  /** only events filed under these places (an event on no place is then not seen) */
  readonly places?: ReadonlySet<number>;
  readonly cameras?: ReadonlySet<string>;
  readonly types?: ReadonlySet<RecognitionEventType>;
  /** `matched` only: the least `maxPriority` (0 lets matches of lists without a priority through) */
  readonly minPriority?: number;
}

export function acceptsNotice(scope: LiveEventScope, notice: EventNotice): boolean {
  if (notice.kind !== scope.kind) return false;
  if (scope.organizationId !== undefined && notice.organizationId !== scope.organizationId) return false;
  if (scope.places && (notice.placeId === null || !scope.places.has(notice.placeId))) return false;
  if (scope.cameras && !scope.cameras.has(notice.cameraId)) return false;
  if (scope.types && !scope.types.has(notice.eventType)) return false;
  if (scope.kind === 'matched' && (notice.maxPriority ?? -1) < (scope.minPriority ?? 0)) return false;
  return true;
}

/** The stored event decides: it is what the subscriber receives. */
export function acceptsEvent(scope: LiveEventScope, event: EventView): boolean {
  if (scope.organizationId !== undefined && event.organization_id !== scope.organizationId) return false;
  if (scope.places && (event.place_id === null || !scope.places.has(event.place_id))) return false;
  if (scope.cameras && !scope.cameras.has(event.camera_id)) return false;
  if (scope.types && !scope.types.has(event.event_type)) return false;
  if (scope.kind === 'matched' && (event.max_priority === null || event.max_priority < (scope.minPriority ?? 0)))
    return false;
  return true;
}

/** The same scope as SQL, for reading stored events (the `after` backlog and catching up after a gap). */
export function storedScope(scope: LiveEventScope): EventScope {
  return {
    ...(scope.organizationId === undefined ? {} : { organizationId: scope.organizationId }),
    ...(scope.places ? { placeIds: [...scope.places] } : {}),
    ...(scope.cameras ? { cameraIds: [...scope.cameras] } : {}),
  };
}
