import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { EVENT_REPORT_PATH, type RecognitionEventReport, type RecognitionEventType } from '@argus/media-engine/client';
import { signingKey, signInternalUrl } from '@argus/media-engine/recording';
import type { TestStack } from '../../../test/support/stack.js';
import { buildApp, mediaConfig, type MediaApp } from '../src/app.js';
import type { LiveEventFeed } from '../src/events/live/event-notice.js';

/** Test-only helpers of the live event tests: reports as an engine sends them, subscribers, more media instances. */

export const KEYS = {
  ARGUS_INTERNAL_KEY: 'live-events-internal-key-0123456789abcdef',
  ARGUS_TOKEN_SIGNING_KEY: 'live-events-signing-key-0123456789abcdef',
};

export const SELECTION =
  '{ id eventType cameraId placeId organizationId ts ... on PlateRecognitionEvent { eventData { plateNumber { data } } matches { plateListName priority } } }';

export interface Received {
  readonly events: { id: string; cameraId: string; eventType: string; ts: number }[];
  readonly errors: { message: string; extensions?: Record<string, unknown> }[];
  completed: boolean;
  failure?: unknown;
  stop(): void;
}

/** Subscribes over graphql-ws and collects what arrives. */
export function collect(
  client: Client,
  field: 'eventCreated' | 'eventMatched',
  variables: Record<string, unknown>,
): Received {
  const received: Received = { events: [], errors: [], completed: false, stop: () => undefined };
  const query = `subscription($filter: ${field === 'eventCreated' ? 'EventSubscriptionFilter' : 'EventMatchSubscriptionFilter'}, $after: ID) { ${field}(filter: $filter, after: $after) ${SELECTION} }`;
  received.stop = client.subscribe<Record<string, any>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) received.errors.push(...(result.errors as Received['errors']));
        const event = result.data?.[field];
        if (event) received.events.push(event);
      },
      error: (error) => {
        received.failure = error;
      },
      complete: () => {
        received.completed = true;
      },
    },
  );
  return received;
}

/** A graphql-ws client straight to a media instance (not through the router). */
export function directClient(graphqlUrl: string, token: string): Client {
  return createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazyCloseTimeout: 600_000,
  });
}

/** POST /internal/events to a media instance exactly as an engine reports; fails unless accepted. */
export async function report(
  mediaGraphqlUrl: string,
  spec: { cameraId: string; type: RecognitionEventType; ts: number; plate?: string },
): Promise<string> {
  const event = reportOf(spec);
  const body = JSON.stringify(event);
  const url = new URL(`${mediaGraphqlUrl.replace(/\/graphql\/?$/, '')}${EVENT_REPORT_PATH}`);
  url.searchParams.set('body_sha256', createHash('sha256').update(body).digest('hex'));
  const signed = signInternalUrl(
    url,
    signingKey(KEYS.ARGUS_INTERNAL_KEY, 'engine-internal'),
    Math.floor(Date.now() / 1000) + 60,
  );
  const res = await fetch(signed, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`report answered ${res.status}: ${text}`);
  return event.eventId;
}

function reportOf(spec: {
  cameraId: string;
  type: RecognitionEventType;
  ts: number;
  plate?: string;
}): RecognitionEventReport {
  const base = {
    eventId: randomUUID(),
    cameraId: spec.cameraId,
    streamServerId: 'live-events-test',
    objectId: randomUUID(),
    eventAction: 'appeared' as const,
    ts: spec.ts,
    frameSize: [640, 480] as const,
  };
  const detection = { bbox: [10, 20, 110, 140] as [number, number, number, number] };
  switch (spec.type) {
    case 'plate_recognition':
      return { ...base, eventType: 'plate_recognition', eventData: { plate_number: { data: spec.plate! }, detection } };
    case 'motion_detection':
      return {
        ...base,
        eventType: 'motion_detection',
        eventData: {
          motion: { roi_bbox: [0, 0, 640, 480], roi_name: 'whole frame', area_fr: 0.25 },
          detection,
          attributes: { obj_class: 0 },
        },
      };
    case 'line_crossing':
      return {
        ...base,
        eventType: 'line_crossing',
        eventData: {
          line_crossing: { line_coords: [0, 240, 640, 240], direction: 1, line_name: 'door' },
          detection,
          attributes: { obj_class: 1 },
        },
      };
    default:
      throw new Error(`no report of type ${spec.type} here`);
  }
}

/** Another media instance over the stack's database, topology and watchlists (as a second process would be). */
export async function anotherMedia(
  stack: TestStack,
  env: Record<string, string> = {},
  eventFeed?: LiveEventFeed,
): Promise<{ app: MediaApp; url: string }> {
  const config = mediaConfig({
    ...KEYS,
    ARGUS_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'argus-live-')),
    MEDIA_PORT: '0',
    LOG_LEVEL: 'warn',
    FACE_ANALYSIS: 'false',
    GRAPHIQL: 'false',
    ...env,
  });
  const app = buildApp(
    { ...config, identityUrl: stack.subgraphs.identity },
    {
      database: stack.database,
      faces: null,
      topologyUrl: () => stack.subgraphs.topology,
      watchlistsUrl: () => stack.subgraphs.watchlists,
      eventFeed,
    },
  );
  const { url } = await app.start();
  return { app, url };
}
