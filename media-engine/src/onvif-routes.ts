import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUuid, type Logger, readBody, sendJson, type StreamTargetGuard } from '@argus/core';
import { BODY_HASH_PARAM } from './client/engine-onvif-client.js';
import {
  DISCOVER_OPERATION,
  ONVIF_ERROR_STATUS,
  ONVIF_OPERATIONS,
  type OnvifCallBody,
  type OnvifErrorCode,
  type OnvifOperation,
} from './client/onvif.types.js';
import { discover } from './onvif/onvif-discovery.js';
import { OnvifError } from './onvif/onvif-error.js';
import { OnvifService, type OnvifSettingsSource } from './onvif/onvif-service.js';
import { argsOf } from './onvif/onvif-args.js';
import { checkSignature, internalResource, signingKey } from './recording/signed-url.js';

/**
 * `POST /internal/onvif/<operation>?body_sha256&expires&signature` on MEDIA_ENGINE_PORT, for the media
 * subgraph (client: `@argus/media-engine/client`). Signed with the `engine-internal` key over path
 * and query; the query's body_sha256 binds the body. Body `{ cameraId, args }`; answer 200
 * `{ result }` or `{ error: { code, message } }` with the code's status.
 */
export interface OnvifRoutesOptions {
  readonly internalKey: string;
  readonly settings: OnvifSettingsSource;
  readonly timeoutMs: number;
  /** the addresses a camera's onvif_host may resolve to (STREAM_ALLOWED_NETWORKS); without it, any */
  readonly targets?: StreamTargetGuard;
  readonly logger?: Logger;
}

export interface OnvifRoutes {
  matches(pathname: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  readonly service: OnvifService;
}

const PREFIX = '/internal/onvif/';
const OPERATIONS: ReadonlySet<string> = new Set(ONVIF_OPERATIONS);
const MAX_BODY = 64 * 1024;

export function onvifRoutes(options: OnvifRoutesOptions): OnvifRoutes {
  const key = signingKey(options.internalKey, 'engine-internal');
  const service = new OnvifService({
    settings: options.settings,
    timeoutMs: options.timeoutMs,
    targets: options.targets,
    logger: options.logger,
  });

  return {
    service,
    matches: (pathname) => pathname.startsWith(PREFIX),
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://engine.invalid');
      const operation = url.pathname.slice(PREFIX.length);
      try {
        if (req.method !== 'POST') return fail(res, 'invalid_request', 'Use POST', 405);
        const check = checkSignature(
          key,
          internalResource(url),
          url.searchParams.get('expires'),
          url.searchParams.get('signature'),
        );
        if (check !== 'ok') return fail(res, 'unauthorized', `The request is not signed (${check})`);
        if (operation !== DISCOVER_OPERATION && !OPERATIONS.has(operation))
          return fail(res, 'not_found', 'No such ONVIF operation', 404);
        const raw = await readBody(req, MAX_BODY).catch(() => {
          throw new OnvifError('invalid_request', 'The body is too large');
        });
        if (!sameHash(raw, url.searchParams.get(BODY_HASH_PARAM)))
          return fail(res, 'unauthorized', 'The body does not match its signature');
        const body = parse(raw);
        const result =
          operation === DISCOVER_OPERATION
            ? await discover(argsOf(body.args))
            : await service.run(operation as OnvifOperation, cameraIdOf(body), body.args);
        sendJson(res, 200, { result });
      } catch (err) {
        if (err instanceof OnvifError) return fail(res, err.code, err.message);
        options.logger?.error({ err, operation }, 'ONVIF request failed');
        if (!res.headersSent) fail(res, 'internal_error', 'Internal error');
      }
    },
  };
}

function parse(raw: string): OnvifCallBody {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new OnvifError('invalid_request', 'The body is not JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new OnvifError('invalid_request', 'The body must be an object');
  return body as OnvifCallBody;
}

function cameraIdOf(body: OnvifCallBody): string {
  if (typeof body.cameraId !== 'string' || !isUuid(body.cameraId))
    throw new OnvifError('not_found', 'Camera not found');
  return body.cameraId;
}

function sameHash(raw: string, given: string | null): boolean {
  if (!given) return false;
  const expected = Buffer.from(createHash('sha256').update(raw).digest('hex'));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function fail(
  res: ServerResponse,
  code: OnvifErrorCode,
  message: string,
  status: number = ONVIF_ERROR_STATUS[code],
): void {
  sendJson(res, status, { error: { code, message } });
}
