import { UnavailableError } from '@argus/core';
import type { CameraOwner } from '../cluster/camera-owner.reader.js';
import type { StreamInfo } from '../probe/stream-info.js';
import { StreamProbeError, type VerifyResult } from '../probe/stream-probe.js';
import { streamServerBaseUrl } from '../recording/recording-urls.js';
import { signingKey } from '../recording/signed-url.js';
import { signedInternalGet, signedInternalPost } from './signed-request.js';

/** A recorded segment as the owning stream server lists it (its disk index). */
export interface ListedSegment {
  readonly relativePath: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
}

/** The stream server a call goes to: its id and registered host (STREAMSERVER_HOST). */
export type StreamServerRef = Pick<CameraOwner, 'streamServerId' | 'host'>;

interface SegmentWire {
  relative_path: string;
  start_ms: number;
  end_ms: number;
  duration_ms: number;
}

/** Time a probe answer may take beyond the probe's own bound (the HTTP round trip). */
const PROBE_SLACK_MS = 5000;

/**
 * Calls a stream server's internal endpoints (recording-routes.ts, stream-probe-routes.ts),
 * signed with the `engine-internal` key derived from ARGUS_INTERNAL_KEY. A server that cannot be
 * reached, or registered no host, is UnavailableError (REST 503).
 */
export class StreamServerClient {
  private readonly key: Buffer;

  constructor(
    internalKey: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.key = signingKey(internalKey, 'engine-internal');
  }

  /** The server's media base URL (its STREAMSERVER_HOST). */
  baseUrl(server: StreamServerRef): string {
    const base = streamServerBaseUrl(server.host);
    if (!base) {
      throw new UnavailableError(`Stream server ${server.streamServerId} registered no host (STREAMSERVER_HOST)`);
    }
    return base;
  }

  /** The camera's segments overlapping [fromMs, toMs), from the server's disk index, in time order. */
  async listSegments(owner: CameraOwner, fromMs: number, toMs: number, limit?: number): Promise<ListedSegment[]> {
    const url = new URL(`${this.baseUrl(owner)}/internal/recordings/${owner.cameraId}/segments`);
    url.searchParams.set('from_ms', String(fromMs));
    url.searchParams.set('to_ms', String(toMs));
    if (limit !== undefined) url.searchParams.set('limit', String(limit));
    const response = await this.send(owner, signedInternalGet(url, this.key), {}, this.timeoutMs);
    if (!response.ok) throw answered(owner, response);
    const { segments } = (await response.json()) as { segments: SegmentWire[] };
    return segments.map((s) => ({
      relativePath: s.relative_path,
      startMs: s.start_ms,
      endMs: s.end_ms,
      durationMs: s.duration_ms,
    }));
  }

  /** The camera's latest JPEG when at most maxAgeMs old; undefined when there is none that fresh. */
  async snapshot(owner: CameraOwner, maxAgeMs: number): Promise<{ jpeg: Buffer; takenAt: Date } | undefined> {
    const url = new URL(`${this.baseUrl(owner)}/internal/recordings/${owner.cameraId}/snapshot`);
    url.searchParams.set('max_age_ms', String(maxAgeMs));
    const response = await this.send(owner, signedInternalGet(url, this.key), {}, this.timeoutMs);
    if (response.status === 503) return undefined;
    if (!response.ok) throw answered(owner, response);
    const lastModified = Date.parse(response.headers.get('last-modified') ?? '');
    const takenAt = new Date(Number.isNaN(lastModified) ? Date.now() : lastModified);
    return { jpeg: Buffer.from(await response.arrayBuffer()), takenAt };
  }

  /** ffprobe on the server: whether the link (checked by the caller) plays video, within timeoutMs. */
  async verifyStream(server: StreamServerRef, link: string, timeoutMs: number): Promise<VerifyResult> {
    return (await this.probe(server, 'verify', { link, timeoutMs }, timeoutMs)) as VerifyResult;
  }

  /**
   * ffprobe of a camera's source on the server (it reads the source from topology): frame rate,
   * bit rate, size, codec. Undefined for an unknown camera; StreamProbeError when it does not play.
   */
  async streamInfo(server: StreamServerRef, cameraId: string, timeoutMs: number): Promise<StreamInfo | undefined> {
    return (await this.probe(server, 'info', { cameraId, timeoutMs }, timeoutMs)) as StreamInfo | undefined;
  }

  private async probe(
    server: StreamServerRef,
    action: 'verify' | 'info',
    payload: object,
    timeoutMs: number,
  ): Promise<unknown> {
    const body = JSON.stringify(payload);
    const url = signedInternalPost(new URL(`${this.baseUrl(server)}/internal/streams/${action}`), body, this.key);
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    const response = await this.send(server, url, init, timeoutMs + PROBE_SLACK_MS);
    type Answer = { result?: unknown; error?: { reason?: string; detail?: string } };
    const answer = (await response.json().catch(() => ({}))) as Answer;
    if (response.ok) return answer.result;
    if (response.status === 404 && action === 'info') return undefined;
    if (response.status === 422 && answer.error?.reason) {
      throw new StreamProbeError(answer.error.reason as StreamProbeError['reason'], answer.error.detail ?? '');
    }
    throw answered(server, response);
  }

  private async send(server: StreamServerRef, url: URL, init: RequestInit, timeoutMs: number): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new UnavailableError(`Stream server ${server.streamServerId} does not answer: ${reason}`);
    }
  }
}

function answered(server: StreamServerRef, response: Response): UnavailableError {
  return new UnavailableError(`Stream server ${server.streamServerId} answered HTTP ${response.status}`);
}
