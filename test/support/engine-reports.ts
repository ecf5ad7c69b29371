import { createHash, randomUUID } from 'node:crypto';
import { EVENT_REPORT_PATH, type RecognitionEventReport, type RecognitionEventType } from '@argus/media-engine/client';
import { signingKey, signInternalUrl } from '@argus/media-engine/recording';

/**
 * Recognition reports as a media engine sends them to the media part: the body of each kind in the
 * shapes of the engine contract (media-engine/src/client/recognition-events.ts), signed with the
 * internal key and POSTed to `/internal/events`.
 */

export interface EngineReportSpec {
  readonly cameraId: string;
  readonly type: RecognitionEventType;
  readonly ts: number;
  /** the engine that reports (the event's `streamserver_id`) */
  readonly streamServerId: string;
  /** a new one by default */
  readonly eventId?: string;
  /** face: the descriptor; plate: the number; motion/line: the region or line name */
  readonly descriptor?: { data: string; norm: number };
  readonly plate?: string;
  readonly name?: string;
}

/** A report of each kind: appeared, a 640×480 frame, one detection box. */
export function engineReport(spec: EngineReportSpec): RecognitionEventReport {
  const base = {
    eventId: spec.eventId ?? randomUUID(),
    cameraId: spec.cameraId,
    streamServerId: spec.streamServerId,
    objectId: randomUUID(),
    eventAction: 'appeared' as const,
    ts: spec.ts,
    frameSize: [640, 480] as const,
  };
  const detection = { bbox: [10, 20, 110, 140] as [number, number, number, number] };
  switch (spec.type) {
    case 'face_recognition':
      return {
        ...base,
        eventType: 'face_recognition',
        eventData: { detection, descriptor: spec.descriptor!, attributes: {} },
      };
    case 'plate_recognition':
      return { ...base, eventType: 'plate_recognition', eventData: { plate_number: { data: spec.plate! }, detection } };
    case 'motion_detection':
      return {
        ...base,
        eventType: 'motion_detection',
        eventData: {
          motion: { roi_bbox: [0, 0, 640, 480], roi_name: spec.name ?? 'whole frame', area_fr: 0.25 },
          detection,
          attributes: { obj_class: 0 },
        },
      };
    case 'line_crossing':
      return {
        ...base,
        eventType: 'line_crossing',
        eventData: {
          line_crossing: { line_coords: [0, 240, 640, 240], direction: 1, line_name: spec.name ?? 'door' },
          detection,
          attributes: { obj_class: 1 },
        },
      };
  }
}

/**
 * The URL an engine calls: `body_sha256` of the body, then the `engine-internal` signature of
 * `internalKey` over path + query, valid until `expires` (seconds since the epoch; a minute from now by default).
 */
export function signedAsEngine(
  url: URL,
  body: string | Buffer,
  internalKey: string,
  expires = Math.floor(Date.now() / 1000) + 60,
): URL {
  url.searchParams.set('body_sha256', createHash('sha256').update(body).digest('hex'));
  return signInternalUrl(url, signingKey(internalKey, 'engine-internal'), expires);
}

/** The media part's base URL from its GraphQL endpoint (its internal routes are next to it). */
export function mediaBase(mediaGraphqlUrl: string): string {
  return mediaGraphqlUrl.replace(/\/graphql\/?$/, '');
}

/** POST /internal/events to the media part exactly as an engine reports an event; what it answered. */
export async function postEngineReport(
  mediaGraphqlUrl: string,
  internalKey: string,
  report: RecognitionEventReport,
): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(report);
  const url = signedAsEngine(new URL(`${mediaBase(mediaGraphqlUrl)}${EVENT_REPORT_PATH}`), body, internalKey);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, text: await res.text() };
}
