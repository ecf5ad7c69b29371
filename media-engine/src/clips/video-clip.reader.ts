import type { Kysely } from 'kysely';
import { isMissingSchema } from '../cluster/missing-schema.js';
import { VideoClipRepository, type VideoClipFilter, type VideoClipRow } from './video-clip.repository.js';

/**
 * The read side of video clips for the media subgraph: one clip, or a filtered list (newest
 * first, at most 1000). Before any engine migrated the `streaming` schema there are none.
 */
export class VideoClipReader {
  private readonly clips: VideoClipRepository;

  constructor(db: Kysely<any>) {
    this.clips = new VideoClipRepository(db);
  }

  async get(id: string): Promise<VideoClipRow | undefined> {
    try {
      return await this.clips.get(id);
    } catch (err) {
      if (isMissingSchema(err)) return undefined;
      throw err;
    }
  }

  async list(filter: VideoClipFilter): Promise<VideoClipRow[]> {
    try {
      return await this.clips.list(filter);
    } catch (err) {
      if (isMissingSchema(err)) return [];
      throw err;
    }
  }
}
