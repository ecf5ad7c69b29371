import { InvalidRequestError, NotFoundError, UnavailableError } from '@argus/core';
import { EngineOnvifClient, OnvifCallError, streamServerBaseUrl } from '@argus/media-engine/client';

/** The stream server holding a camera's lease (the media engine's lease reader). */
export interface OnvifCameraOwners {
  ownerOf(cameraId: string): Promise<{ readonly streamServerId: string; readonly host: string | null } | undefined>;
}

/** The stream servers heart-beating now (the media engine's server reader). */
export interface OnvifLiveServers {
  listLive(): Promise<readonly { readonly id: string; readonly host: string | null }[]>;
}

export interface OnvifEnginesOptions {
  readonly owners: OnvifCameraOwners;
  readonly servers: OnvifLiveServers;
  /** ARGUS_INTERNAL_KEY: calls are signed with the `engine-internal` key derived from it */
  readonly internalKey: string;
  /** bound of one call to an engine (it bounds each SOAP request itself) */
  readonly timeoutMs?: number;
}

/** What the service asks an engine: the published client's calls. */
export type OnvifEngine = Pick<EngineOnvifClient, 'call' | 'discover'>;

/**
 * Picks the media engine that talks ONVIF to a camera: the one holding the camera's lease, else
 * any live engine (every engine can reach every camera; it reads the ONVIF settings from
 * topology itself). No live engine with a known host is UnavailableError (REST 503).
 */
export class OnvifEngines {
  private readonly clients = new Map<string, EngineOnvifClient>();

  constructor(private readonly o: OnvifEnginesOptions) {}

  async forCamera(cameraId: string): Promise<OnvifEngine> {
    const owner = await this.o.owners.ownerOf(cameraId);
    const base = streamServerBaseUrl(owner?.host ?? null);
    if (base) return this.client(base);
    return this.anyLive();
  }

  /** The engine that probes the network: the one named, else any live engine. */
  async forDiscovery(streamServerId?: string | null): Promise<OnvifEngine> {
    if (!streamServerId) return this.anyLive();
    const server = (await this.o.servers.listLive()).find((s) => s.id === streamServerId);
    if (!server) throw new NotFoundError(`Stream server ${streamServerId} is not running`);
    const base = streamServerBaseUrl(server.host);
    if (!base) throw new UnavailableError(`Stream server ${streamServerId} registered no host (STREAMSERVER_HOST)`);
    return this.client(base);
  }

  private async anyLive(): Promise<OnvifEngine> {
    const bases = (await this.o.servers.listLive())
      .map((s) => streamServerBaseUrl(s.host))
      .filter((b): b is string => Boolean(b));
    if (bases.length === 0) throw new UnavailableError('No stream server is running to reach the camera');
    return this.client(bases[Math.floor(Math.random() * bases.length)]!);
  }

  private client(baseUrl: string): EngineOnvifClient {
    let client = this.clients.get(baseUrl);
    if (!client) {
      client = new EngineOnvifClient({ baseUrl, internalKey: this.o.internalKey, timeoutMs: this.o.timeoutMs });
      this.clients.set(baseUrl, client);
    }
    return client;
  }
}

/**
 * An engine's failure as the domain error the API answers: the ONVIF statuses are 400 with
 * their own status, an unreachable device or engine 503, a camera gone 404. Anything else
 * (a bad signature, an engine fault) stays an internal error.
 */
export function onvifDomainError(error: unknown): unknown {
  if (!(error instanceof OnvifCallError)) return error;
  switch (error.code) {
    case 'onvif_not_configured':
    case 'onvif_unauthenticated':
    case 'onvif_unsupported_action':
    case 'onvif_invalid_argument':
      return new InvalidRequestError(error.message, error.code);
    case 'invalid_request':
      return new InvalidRequestError(error.message, 'onvif_invalid_argument');
    case 'temporarily_unavailable':
      return new UnavailableError(error.message);
    case 'not_found':
      return new NotFoundError(error.message);
    default:
      return error;
  }
}
