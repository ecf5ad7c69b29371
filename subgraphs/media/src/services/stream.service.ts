import {
  InvalidRequestError,
  NotFoundError,
  requirePermission,
  type Viewer,
  StreamTargetRefused,
  type StreamTargetGuard,
} from '@argus/core';
import {
  StreamProbeError,
  type CurrentStreamStatus,
  type DowntimePeriod,
  type StreamInfo,
  type StreamStatusEvent,
  type StreamUptime,
  type VerifyResult,
} from '@argus/media-engine/client';
import type { TopologyCameras } from './topology-cameras.js';
import type { StreamStatusFollower } from './stream-status-follower.js';

/** The media engine's stream status reader. */
export interface StreamStatusSource {
  current(cameraIds: readonly string[]): Promise<CurrentStreamStatus[]>;
  downtimes(cameraId: string): Promise<DowntimePeriod[]>;
  uptimes(cameraIds: readonly string[]): Promise<StreamUptime[]>;
}

/** ffprobe, run by a media engine (replaceable in tests); info is undefined for a camera the engine does not know. */
export interface StreamProber {
  verify(link: string, timeoutMs: number): Promise<VerifyResult>;
  info(cameraId: string, timeoutMs: number): Promise<StreamInfo | undefined>;
}

export interface StreamServiceOptions {
  readonly statuses: StreamStatusSource;
  readonly cameras: TopologyCameras;
  readonly prober: StreamProber;
  readonly follower: StreamStatusFollower;
  /** bound of POST /streams/verify; a link that cannot be opened answers after this long, whatever the reason */
  readonly verifyTimeoutMs: number;
  /** which addresses POST /streams/verify may open (STREAM_ALLOWED_NETWORKS); without it, any */
  readonly targets?: StreamTargetGuard;
  /** bound of GET /streams/{id}/info (connect + a 2 s sample) */
  readonly infoTimeoutMs: number;
}

export interface StreamUptimeEntry extends StreamUptime {
  readonly cameraName: string;
}

const LINK = /^rtsps?:\/\/[^\s/?#]+/i;
/** Control characters (NUL included) have no place in a link and cannot be passed to ffprobe. */
// eslint-disable-next-line no-control-regex -- the control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f]/;
/** What every link that cannot be opened answers (a closed port, a silent one, a name that does not resolve). */
const UNREACHABLE = 'Stream verification failed: unreachable';

/**
 * Streams and stream statuses: a stream is a camera's live source, known by
 * the camera's id. Permissions stream_read (streams and the subscription) and streamstatus_read (statuses);
 * the camera must be visible to the caller (topology), otherwise it is not found.
 */
export class StreamService {
  constructor(private readonly o: StreamServiceOptions) {}

  /** Stops following transitions (the process ends). */
  close(): void {
    this.o.follower.close();
  }

  /** A stream; null when the camera is not visible. */
  async stream(viewer: Viewer, cameraId: string): Promise<CurrentStreamStatus | null> {
    requirePermission(viewer, 'stream_read');
    if (!(await this.o.cameras.visible(viewer, cameraId))) return null;
    const [status] = await this.o.statuses.current([cameraId]);
    return status!;
  }

  /** A media engine probes the camera's source now (it reads the source from topology). */
  async info(viewer: Viewer, cameraId: string): Promise<StreamInfo> {
    requirePermission(viewer, 'stream_read');
    if (!(await this.o.cameras.visible(viewer, cameraId))) throw new NotFoundError('Stream not found');
    try {
      const info = await this.o.prober.info(cameraId, this.o.infoTimeoutMs);
      if (!info) throw new NotFoundError('Stream not found');
      return info;
    } catch (err) {
      if (err instanceof StreamProbeError)
        throw new InvalidRequestError(`Stream is not available: ${describe(err.reason, err.detail)}`);
      throw err;
    }
  }

  /**
   * Checks an RTSP link: ok, or a 400 saying why not. Not a port scanner: the link's host is resolved and every
   * address checked against the allowed networks (refused at once otherwise), ffprobe opens the
   * checked address, and a link that cannot be opened (closed port, no answer, unknown host)
   * answers the same "unreachable" after the same time (the verify bound). A source that answers
   * says unauthorized or no_video.
   */
  async verify(viewer: Viewer, link: string): Promise<{ status: 'ok' }> {
    requirePermission(viewer, 'stream_read');
    const given = link.trim();
    if (!LINK.test(given) || CONTROL.test(given) || !URL.canParse(given)) {
      throw new InvalidRequestError('rtsp_link must be an rtsp:// or rtsps:// link');
    }
    const started = Date.now();
    const unreachable = async (): Promise<never> => {
      await delay(this.o.verifyTimeoutMs - (Date.now() - started));
      throw new InvalidRequestError(UNREACHABLE);
    };
    let target = given;
    if (this.o.targets) {
      try {
        target = (await this.o.targets.check(given)).link;
      } catch (err) {
        if (err instanceof StreamTargetRefused) {
          throw new InvalidRequestError(`Stream verification failed: ${err.message}`);
        }
        return unreachable();
      }
    }
    const result = await this.o.prober.verify(target, this.o.verifyTimeoutMs);
    if (result.ok) return { status: 'ok' };
    if (result.reason === 'unreachable' || result.reason === 'timeout') return unreachable();
    throw new InvalidRequestError(`Stream verification failed: ${describe(result.reason, result.detail)}`);
  }

  /** Lifetime and availability of every camera the caller sees. */
  async summary(viewer: Viewer): Promise<StreamUptimeEntry[]> {
    requirePermission(viewer, 'streamstatus_read');
    const cameras = await this.o.cameras.listVisible(viewer);
    const uptimes = await this.o.statuses.uptimes(cameras.map((c) => c.id));
    return uptimes.map((u, i) => ({ ...u, cameraName: cameras[i]!.name }));
  }

  /** A camera's status periods; null when the camera is not visible. */
  async downtimes(viewer: Viewer, cameraId: string): Promise<DowntimePeriod[] | null> {
    requirePermission(viewer, 'streamstatus_read');
    if (!(await this.o.cameras.visible(viewer, cameraId))) return null;
    return this.o.statuses.downtimes(cameraId);
  }

  /** Subscription: every stored transition of these cameras from now on (each must be visible). */
  async changes(viewer: Viewer, cameraIds: readonly string[]): Promise<AsyncIterableIterator<StreamStatusEvent>> {
    requirePermission(viewer, 'stream_read');
    const ids = new Set(cameraIds);
    if (ids.size === 0 || ids.size > 1000) throw new InvalidRequestError('cameraIds must name 1 to 1000 cameras');
    for (const id of ids) {
      if (!(await this.o.cameras.visible(viewer, id))) throw new NotFoundError(`Stream ${id} not found`);
    }
    return eventIterator<StreamStatusEvent>((push) =>
      this.o.follower.listen((event) => {
        if (ids.has(event.cameraId)) push(event);
      }),
    );
  }
}

/**
 * An async iterator over pushed values that ends at once on return() (a generator waiting for
 * the next value would only end at that value).
 */
async function eventIterator<T>(
  subscribe: (push: (value: T) => void) => Promise<() => void>,
): Promise<AsyncIterableIterator<T>> {
  const queue: T[] = [];
  const waiting: ((result: IteratorResult<T>) => void)[] = [];
  let done = false;
  const unsubscribe = await subscribe((value) => {
    if (done) return;
    const take = waiting.shift();
    if (take) take({ value, done: false });
    else queue.push(value);
  });
  const finish = async (): Promise<IteratorResult<T>> => {
    if (!done) {
      done = true;
      unsubscribe();
      for (const take of waiting.splice(0)) take({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => waiting.push(resolve));
    },
    return: finish,
    throw: async (err: unknown) => {
      await finish();
      throw err;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

function describe(reason: string, detail: string): string {
  return detail ? `${reason} (${detail})` : reason;
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
