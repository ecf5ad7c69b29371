import type { Readable } from 'node:stream';

/** A byte range of stored content, both ends inclusive (as in HTTP Range). */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/** Content received into the store's staging area: counted, hashed, not yet readable under any key. */
export interface StagedContent {
  readonly size: number;
  /** hex SHA-256 of the content */
  readonly sha256: string;
  /** the leading bytes (for sniffing the type) */
  readonly head: Buffer;
  /** the whole content in memory (for analysis; bounded by the store's size limit) */
  bytes(): Promise<Buffer>;
  /** makes the content readable under `key` in one step */
  commit(key: string): Promise<void>;
  /** forgets the content; harmless after commit or twice */
  discard(): Promise<void>;
}

/** Raised when content grows beyond the limit it was staged with. */
export class ContentTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`File is larger than ${limit} bytes`);
  }
}

/**
 * Where upload content lives. Writes go to a staging area first and become visible only
 * on commit, so a reader never sees half-written content whatever happens to the writer.
 */
export interface UploadStore {
  /** Receives content from a stream; throws ContentTooLargeError beyond `maxBytes` (nothing stays staged). */
  stage(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedContent>;
  /** The content under `key`, whole or a range; undefined when nothing is stored there. */
  get(key: string, range?: ByteRange): Promise<Readable | undefined>;
  delete(key: string): Promise<void>;
}
