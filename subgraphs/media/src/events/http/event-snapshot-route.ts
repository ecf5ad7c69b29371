import type { IncomingMessage } from 'node:http';
import { InputValidationError, isUuid, type RequestContext, type Route } from '@argus/core';
import { RECOGNITION_EVENT_TYPES, type RecognitionEventType } from '@argus/media-engine/client';
import { pathOf, restRoute } from '../../http/route-table.js';
import type { EventService } from '../event.service.js';

export const EVENT_SNAPSHOT_PATH = /^\/snapshots\/([^/]+)$/;

/**
 * GET|HEAD /snapshots/{event_id}?event_type=… (streamed by the facade): the event's JPEG;
 * 404 for an event the caller cannot see (or of another type), 503 while the engine has not stored it.
 */
export function eventSnapshotRoute(deps: {
  events: EventService;
  caller: (req: IncomingMessage) => Promise<RequestContext>;
}): Route {
  return restRoute(['GET', 'HEAD'], async (req, res) => {
    const { viewer } = await deps.caller(req);
    let id = EVENT_SNAPSHOT_PATH.exec(pathOf(req))?.[1] ?? '';
    try {
      id = decodeURIComponent(id);
    } catch {
      // not a UUID either way
    }
    if (!isUuid(id)) throw new InputValidationError('value is not a valid uuid', ['path', 'event_id'], 'not_a_uuid');
    const type = new URL(req.url ?? '/', 'http://media.invalid').searchParams.get('event_type');
    if (!RECOGNITION_EVENT_TYPES.includes(type as RecognitionEventType))
      throw new InputValidationError(
        `value is not a valid enumeration member; permitted: ${RECOGNITION_EVENT_TYPES.join(', ')}`,
        ['query', 'event_type'],
        'not_one_of',
      );
    const { jpeg, capturedAt } = await deps.events.snapshot(viewer, id.toLowerCase(), type as RecognitionEventType);
    res.writeHead(200, {
      'content-type': 'image/jpeg',
      'content-length': jpeg.length,
      'cache-control': 'private, max-age=31536000, immutable',
      'last-modified': capturedAt.toUTCString(),
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : jpeg);
  });
}
