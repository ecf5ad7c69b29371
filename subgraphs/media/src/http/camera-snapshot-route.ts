import type { IncomingMessage } from 'node:http';
import { InputValidationError, isUuid, type RequestContext, type Route } from '@argus/core';
import type { RecordingService } from '../services/recording.service.js';
import { pathOf, restRoute } from './route-table.js';

export const CAMERA_SNAPSHOT_PATH = /^\/camerasnapshots\/([^/]+)$/;

export interface CameraSnapshotRouteDeps {
  readonly recordings: RecordingService;
  /** the caller: signed viewer header or bearer token, as for GraphQL */
  readonly caller: (req: IncomingMessage) => Promise<RequestContext>;
}

/**
 * GET|HEAD /camerasnapshots/{camera_id} (streamed by the facade): the camera's latest
 * key-frame JPEG from the stream server ingesting it, while at most SNAPSHOT_MAX_AGE_MS old;
 * 503 temporarily_unavailable otherwise. 404 for a camera the caller cannot see.
 */
export function cameraSnapshotRoute(deps: CameraSnapshotRouteDeps): Route {
  return restRoute(['GET', 'HEAD'], async (req, res) => {
    const { viewer } = await deps.caller(req);
    const cameraId = cameraIdOf(CAMERA_SNAPSHOT_PATH.exec(pathOf(req))?.[1]);
    const { jpeg, takenAt } = await deps.recordings.snapshot(viewer, cameraId);
    res.writeHead(200, {
      'content-type': 'image/jpeg',
      'content-length': jpeg.length,
      'cache-control': 'no-store',
      'last-modified': takenAt.toUTCString(),
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : jpeg);
  });
}

function cameraIdOf(segment: string | undefined): string {
  let id = segment ?? '';
  try {
    id = decodeURIComponent(id);
  } catch {
    // left as it is: not a UUID either way
  }
  if (!isUuid(id)) throw new InputValidationError('value is not a valid uuid', ['path', 'camera_id'], 'not_a_uuid');
  return id;
}
