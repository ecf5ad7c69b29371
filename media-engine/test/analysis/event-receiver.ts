import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_REPORT_PATH, type RecognitionEventReport } from '../../src/client/recognition-events.js';
import { bodyMatchesSignature } from '../../src/client/signed-request.js';
import { checkSignature, internalResource, signingKey } from '../../src/recording/signed-url.js';

export interface ReceivedEvents {
  readonly url: string;
  readonly reports: RecognitionEventReport[];
  readonly snapshots: Map<string, Buffer>;
  /** requests refused (bad signature or body), with the reason */
  readonly refused: string[];
  /** answer this status to everything while set (a media part that is down) */
  failWith: number | undefined;
  close(): Promise<void>;
}

/**
 * A stand-in for the media part's receiving side: takes `POST /internal/events` and
 * `PUT /internal/events/{id}/snapshot`, checking the engine-internal signature and body_sha256
 * with the engine's own verify helpers, as the media part must.
 */
export async function startEventReceiver(internalKey: string): Promise<ReceivedEvents> {
  const key = signingKey(internalKey, 'engine-internal');
  const received: ReceivedEvents = {
    url: '',
    reports: [],
    snapshots: new Map(),
    refused: [],
    failWith: undefined,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://media.invalid');
      const answer = (status: number, body: unknown = {}) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (received.failWith) return answer(received.failWith);
      const check = checkSignature(
        key,
        internalResource(url),
        url.searchParams.get('expires'),
        url.searchParams.get('signature'),
      );
      if (check !== 'ok') {
        received.refused.push(`${req.method} ${url.pathname}: ${check}`);
        return answer(403);
      }
      if (req.method === 'POST' && url.pathname === EVENT_REPORT_PATH) {
        const text = raw.toString('utf8');
        if (!bodyMatchesSignature(text, url)) {
          received.refused.push(`POST: body does not match`);
          return answer(403);
        }
        const report = JSON.parse(text) as RecognitionEventReport;
        if (!received.reports.some((r) => r.eventId === report.eventId)) received.reports.push(report);
        return answer(201, { id: report.eventId });
      }
      const snapshot = /^\/internal\/events\/([0-9a-f-]{36})\/snapshot$/.exec(url.pathname);
      if (req.method === 'PUT' && snapshot) {
        if (!bodyMatchesSignature(raw, url) || req.headers['content-type'] !== 'image/jpeg') {
          received.refused.push(`PUT: body does not match`);
          return answer(403);
        }
        received.snapshots.set(snapshot[1]!, raw);
        return answer(204);
      }
      answer(404);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(received, { url: `http://127.0.0.1:${port}/graphql` });
}
