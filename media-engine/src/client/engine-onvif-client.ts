import { createHash } from 'node:crypto';
import { signingKey, signInternalUrl } from '../recording/signed-url.js';
import {
  DISCOVER_OPERATION,
  ONVIF_ERROR_STATUS,
  type OnvifArgs,
  type OnvifDiscoverArgs,
  type OnvifDiscovery,
  type OnvifErrorCode,
  type OnvifOperation,
  type OnvifResult,
} from './onvif.types.js';

/** An ONVIF call that failed: `code` is one of the contract's codes (ONVIF_ERROR_STATUS). */
export class OnvifCallError extends Error {
  override readonly name = 'OnvifCallError';
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
    readonly status: number = ONVIF_ERROR_STATUS[code],
  ) {
    super(message);
  }
}

export interface EngineOnvifClientOptions {
  /** the engine's base URL (its STREAMSERVER_HOST as `streamServerBaseUrl` gives it), e.g. http://edge-1:8554 */
  readonly baseUrl: string;
  /** ARGUS_INTERNAL_KEY */
  readonly internalKey: string;
  /** whole request, default 30 s (an operation may make several SOAP calls, each bounded by the engine) */
  readonly timeoutMs?: number;
}

/** How long a request's signature is valid (judged by the engine's clock). */
const SIGNATURE_TTL_S = 60;
const BODY_HASH_PARAM = 'body_sha256';

/** Signs a call: `POST <base>/internal/onvif/<op>?body_sha256&expires&signature` (engine-internal key). */
export function signedOnvifUrl(baseUrl: string, operation: string, body: string, key: Buffer, nowMs = Date.now()): URL {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/internal/onvif/${operation}`);
  url.searchParams.set(BODY_HASH_PARAM, createHash('sha256').update(body).digest('hex'));
  return signInternalUrl(url, key, Math.floor(nowMs / 1000) + SIGNATURE_TTL_S);
}

export { BODY_HASH_PARAM };

/**
 * Calls one engine's ONVIF endpoint. Every failure is an OnvifCallError: the engine's
 * `{ error: { code, message } }`, or `temporarily_unavailable` when the engine does not answer.
 */
export class EngineOnvifClient {
  private readonly key: Buffer;
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(options: EngineOnvifClientOptions) {
    this.key = signingKey(options.internalKey, 'engine-internal');
    this.baseUrl = options.baseUrl;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  call<Op extends OnvifOperation>(operation: Op, cameraId: string, args: OnvifArgs<Op>): Promise<OnvifResult<Op>> {
    return this.post(operation, { cameraId, args }) as Promise<OnvifResult<Op>>;
  }

  /** WS-Discovery from the engine's host. */
  discover(args: OnvifDiscoverArgs = {}): Promise<OnvifDiscovery> {
    return this.post(DISCOVER_OPERATION, { args }) as Promise<OnvifDiscovery>;
  }

  private async post(operation: string, payload: unknown): Promise<unknown> {
    const body = JSON.stringify(payload);
    const url = signedOnvifUrl(this.baseUrl, operation, body, this.key);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new OnvifCallError('temporarily_unavailable', `Stream server ${this.baseUrl} does not answer: ${reason}`);
    }
    const parsed = parseJson(text);
    if (response.ok && parsed && typeof parsed === 'object' && 'result' in parsed)
      return (parsed as { result: unknown }).result;
    const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    if (error && typeof error.code === 'string' && error.code in ONVIF_ERROR_STATUS) {
      throw new OnvifCallError(error.code as OnvifErrorCode, String(error.message ?? error.code), response.status);
    }
    const code: OnvifErrorCode =
      response.status === 502 || response.status === 503 || response.status === 504
        ? 'temporarily_unavailable'
        : 'internal_error';
    throw new OnvifCallError(code, `Stream server ${this.baseUrl} answered HTTP ${response.status}`, response.status);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
