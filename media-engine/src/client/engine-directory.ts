import { UnavailableError } from '@argus/core';
import type { Kysely } from 'kysely';
import { CameraOwnerReader, type CameraOwner } from '../cluster/camera-owner.reader.js';
import { StreamServerReader } from '../cluster/stream-server.reader.js';
import { streamServerBaseUrl } from '../recording/recording-urls.js';
import type { StreamServerRef } from './stream-server-client.js';

/**
 * Which live stream server to call: the one holding a camera's lease, or any live one with a
 * registered host (for work any engine can do: probing, ONVIF). Read-only, on the shared database.
 */
export class EngineDirectory {
  private readonly owners: CameraOwnerReader;
  private readonly servers: StreamServerReader;

  constructor(db: Kysely<any>) {
    this.owners = new CameraOwnerReader(db);
    this.servers = new StreamServerReader(db);
  }

  /** The live server holding the camera's valid lease, or undefined. */
  ownerOf(cameraId: string): Promise<CameraOwner | undefined> {
    return this.owners.ownerOf(cameraId);
  }

  /** The camera's lease holder when it registered a host, else any live server; none → UnavailableError. */
  async forCamera(cameraId: string): Promise<StreamServerRef> {
    const owner = await this.owners.ownerOf(cameraId);
    return owner && streamServerBaseUrl(owner.host) ? owner : this.anyLive();
  }

  /** Any live server with a registered host, picked at random; none → UnavailableError (REST 503). */
  async anyLive(): Promise<StreamServerRef> {
    const live = (await this.servers.listLive()).filter((s) => streamServerBaseUrl(s.host));
    if (live.length === 0) throw new UnavailableError('No stream server is running');
    const server = live[Math.floor(Math.random() * live.length)]!;
    return { streamServerId: server.id, host: server.host };
  }
}
