import { isUuid } from '@argus/core';
import type { Kysely } from 'kysely';
import { CameraOwnerRepository } from './camera-owner.repository.js';
import { streamingDb } from './streaming-db.js';

/** The stream server ingesting a camera now, as other parts see it. */
export interface CameraOwner {
  readonly cameraId: string;
  readonly streamServerId: string;
  /** STREAMSERVER_HOST of that server: where its media (MEDIA_ENGINE_PORT) is reached; null when it did not say */
  readonly host: string | null;
}

const UNDEFINED_TABLE = '42P01';
const INVALID_SCHEMA = '3F000';

/**
 * The media engine's read side for other parts: the live stream server holding a camera's valid
 * lease, or undefined (no server ingests it, or no media engine has migrated its schema yet).
 */
export class CameraOwnerReader {
  private readonly owners: CameraOwnerRepository;

  constructor(db: Kysely<any>) {
    this.owners = new CameraOwnerRepository(streamingDb(db));
  }

  async ownerOf(cameraId: string): Promise<CameraOwner | undefined> {
    if (!isUuid(cameraId)) return undefined;
    try {
      const row = await this.owners.findOwner(cameraId);
      return row && { cameraId: row.camera_id, streamServerId: row.streamserver_id, host: row.host };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === UNDEFINED_TABLE || code === INVALID_SCHEMA) return undefined;
      throw err;
    }
  }
}
