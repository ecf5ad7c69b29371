import { UnavailableError } from '@argus/core';
import type { CameraOwner } from '@argus/media-engine/cluster';
import { signInternalUrl, signingKey, streamServerBaseUrl } from '@argus/media-engine/recording';

/** A recorded segment as the owning stream server lists it (its disk index). */
export interface ListedSegment {
  readonly relativePath: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
}

interface SegmentWire {
  relative_path: string;
  start_ms: number;
  end_ms: number;
  duration_ms: number;
}

/** How long an internal request's signature is valid (the engine judges by its own clock). */
const INTERNAL_URL_TTL_S = 60;

/**
 * Calls a stream server's internal recording endpoints (media-engine/src/recording-routes.ts),
 * signed with the `engine-internal` key derived from ARGUS_INTERNAL_KEY. A server that cannot be
 * reached, or registered no host, is UnavailableError (REST 503).
 */
export class StreamServerClient {
  private readonly key: Buffer;

  constructor(internalKey: string, private readonly timeoutMs = 10_000) {
    this.key = signingKey(internalKey, 'engine-internal');
  }

  /** The server's media base URL (its STREAMSERVER_HOST). */
  baseUrl(owner: CameraOwner): string {
    const base = streamServerBaseUrl(owner.host);
    if (!base) throw new UnavailableError(`Stream server ${owner.streamServerId} registered no host (STREAMSERVER_HOST)`);
    return base;
  }

  async listSegments(owner: CameraOwner, fromMs: number, toMs: number, limit?: number): Promise<ListedSegment[]> {
    const url = new URL(`${this.baseUrl(owner)}/internal/recordings/${owner.cameraId}/segments`);
    url.searchParams.set('from_ms', String(fromMs));
    url.searchParams.set('to_ms', String(toMs));
    if (limit !== undefined) url.searchParams.set('limit', String(limit));
    const response = await this.fetch(owner, url);
    if (!response.ok) throw new UnavailableError(`Stream server ${owner.streamServerId} answered HTTP ${response.status}`);
    const { segments } = (await response.json()) as { segments: SegmentWire[] };
    return segments.map((s) => ({ relativePath: s.relative_path, startMs: s.start_ms, endMs: s.end_ms, durationMs: s.duration_ms }));
  }

  /** The camera's latest JPEG when at most maxAgeMs old; undefined when there is none that fresh. */
  async snapshot(owner: CameraOwner, maxAgeMs: number): Promise<{ jpeg: Buffer; takenAt: Date } | undefined> {
    const url = new URL(`${this.baseUrl(owner)}/internal/recordings/${owner.cameraId}/snapshot`);
    url.searchParams.set('max_age_ms', String(maxAgeMs));
    const response = await this.fetch(owner, url);
    if (response.status === 503) return undefined;
    if (!response.ok) throw new UnavailableError(`Stream server ${owner.streamServerId} answered HTTP ${response.status}`);
    const lastModified = Date.parse(response.headers.get('last-modified') ?? '');
    return { jpeg: Buffer.from(await response.arrayBuffer()), takenAt: new Date(Number.isNaN(lastModified) ? Date.now() : lastModified) };
  }

  private async fetch(owner: CameraOwner, url: URL): Promise<Response> {
    const signed = signInternalUrl(url, this.key, Math.floor(Date.now() / 1000) + INTERNAL_URL_TTL_S);
    try {
      return await fetch(signed, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new UnavailableError(`Stream server ${owner.streamServerId} does not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
