import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { RecognitionEventType } from '@argus/media-engine/client';
import { engineReport, postEngineReport } from '../../../test/support/engine-reports.js';
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
  spec: { cameraId: string; type: Exclude<RecognitionEventType, 'face_recognition'>; ts: number; plate?: string },
): Promise<string> {
  const event = engineReport({ ...spec, streamServerId: 'live-events-test' });
  const { status, text } = await postEngineReport(mediaGraphqlUrl, KEYS.ARGUS_INTERNAL_KEY, event);
  if (status >= 300) throw new Error(`report answered ${status}: ${text}`);
  return event.eventId;
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
