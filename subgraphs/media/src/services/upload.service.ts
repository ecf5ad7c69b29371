import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  type AuditRecorder,
  InvalidRequestError,
  isUuid,
  NotFoundError,
  requirePermission,
  UnavailableError,
  type UploadKind,
  type Viewer,
} from '@argus/core';
import type { NewUpload, OrganizationScope, UploadRepository, UploadRow } from '../repositories/upload.repository.js';
import { sniffContentType, SNIFF_BYTES } from '../storage/content-sniffing.js';
import { ContentTooLargeError, type ByteRange, type StagedContent, type UploadStore } from '../storage/upload-store.js';
import type { FaceMeta, FaceMetaProvider } from './face-meta.js';
import { ACCEPTED_TYPES, FACE_KINDS } from './upload-kinds.js';

export const isUploadId = (id: string) => isUuid(id);

/** Superusers see every organization's uploads, everyone else their own organization's. */
export const scopeOf = (viewer: Viewer): OrganizationScope => (viewer.isSuperuser ? undefined : viewer.organizationId);

/** Where the content of an upload is kept: spread over 256 directories by the id's first byte. */
export const storageKeyOf = (id: string) => `${id.slice(0, 2)}/${id}`;

type UploadContentFields = Omit<NewUpload, 'id' | 'original_id' | 'meta'>;

/** The upload of a file, then one per face when it has several (a single face's meta is the file's). */
function uploadRows(id: string, faces: readonly FaceMeta[], content: UploadContentFields): NewUpload[] {
  const file: NewUpload = {
    ...content,
    id,
    original_id: null,
    meta: faces.length === 1 ? JSON.stringify(faces[0]) : null,
  };
  if (faces.length < 2) return [file];
  return [
    file,
    ...faces.map((face) => ({ ...content, id: randomUUID(), original_id: id, meta: JSON.stringify(face) })),
  ];
}

export interface UploadContent {
  readonly upload: UploadRow;
  /** the stored bytes, whole or a range */
  read(range?: ByteRange): Promise<Readable>;
}

/**
 * Uploaded files: stored content typed by its own bytes, limited in size, scoped to
 * the uploader's organization; face images carry the meta of their faces.
 */
export class UploadService {
  constructor(
    private readonly uploads: UploadRepository,
    private readonly store: UploadStore,
    private readonly faces: FaceMetaProvider | undefined,
    private readonly audit: AuditRecorder,
    private readonly maxBytes: number,
  ) {}

  async find(viewer: Viewer, id: string): Promise<UploadRow | undefined> {
    requirePermission(viewer, 'upload_read');
    return isUploadId(id) ? this.uploads.findById(id, scopeOf(viewer), true) : undefined;
  }

  /** Uploads the caller may see, for references from other parts (no permission of their own). */
  visibleByIds(viewer: Viewer, ids: readonly string[]): Promise<UploadRow[]> {
    return this.uploads.findByIds(ids.filter(isUploadId), scopeOf(viewer), true);
  }

  /** Checks the caller may upload, before any byte is received. */
  authorizeCreate(viewer: Viewer | undefined): Viewer {
    return requirePermission(viewer, 'upload_create');
  }

  /** Checks the caller may ask for face meta, before any byte is received. */
  authorizeMeta(viewer: Viewer | undefined): Viewer {
    return requirePermission(viewer, 'upload_meta_read');
  }

  /**
   * Stores a file. Returns the upload first; for a face image with several faces, one upload per
   * face follows (same content, `original_id` the first, `meta` that face). A face image with a
   * single face carries its meta itself.
   */
  async create(viewer: Viewer, kind: UploadKind, source: AsyncIterable<Uint8Array>): Promise<UploadRow[]> {
    requirePermission(viewer, 'upload_create');
    const staged = await this.receive(source);
    try {
      const mimeType = this.typeOf(staged.head, kind);
      const faces = FACE_KINDS.has(kind) ? await this.analyze(await staged.bytes()) : [];
      const id = randomUUID();
      const storageKey = storageKeyOf(id);
      const rows = uploadRows(id, faces, {
        organization_id: viewer.organizationId,
        kind,
        mime_type: mimeType,
        size: staged.size,
        sha256: staged.sha256,
        storage_key: storageKey,
        created_by: viewer.userId,
      });
      await staged.commit(storageKey);
      const saved = await this.uploads.insertAll(rows).catch(async (error: unknown) => {
        await this.store.delete(storageKey);
        throw error;
      });
      await this.audit.record(viewer, {
        actionType: 'upload_create',
        organizationId: viewer.organizationId,
        meta: {
          upload_id: id,
          kind,
          mime_type: mimeType,
          size: staged.size,
          face_count: FACE_KINDS.has(kind) ? faces.length : undefined,
        },
      });
      return [...saved].sort((a, b) => Number(a.original_id !== null) - Number(b.original_id !== null));
    } finally {
      await staged.discard();
    }
  }

  /** The meta of every face in an image; nothing is stored. */
  async meta(viewer: Viewer, source: AsyncIterable<Uint8Array>): Promise<readonly FaceMeta[]> {
    requirePermission(viewer, 'upload_meta_read');
    const image = await this.readLimited(source);
    this.typeOf(image.subarray(0, SNIFF_BYTES), 'face_image');
    return this.analyze(image);
  }

  /** An upload's stored content, for the caller's organization (404 otherwise). */
  async content(viewer: Viewer | undefined, id: string): Promise<UploadContent> {
    const upload = await this.find(requirePermission(viewer, 'upload_read'), id);
    if (!upload) throw new NotFoundError('Upload not found');
    return {
      upload,
      read: async (range) => {
        const stream = await this.store.get(upload.storage_key, range);
        if (!stream) throw new NotFoundError('Upload content not found');
        return stream;
      },
    };
  }

  /** For other parts: whether `id` names an upload of `kind` (in the organization, when given). */
  async exists(id: string, kind: UploadKind, organizationId: OrganizationScope): Promise<boolean> {
    if (!isUploadId(id)) return false;
    return (await this.uploads.findById(id, organizationId))?.kind === kind;
  }

  /** For other parts: the uploads of these ids (in the organization, when given). */
  lookup(ids: readonly string[], organizationId: OrganizationScope): Promise<UploadRow[]> {
    return this.uploads.findByIds(ids.filter(isUploadId), organizationId);
  }

  private async receive(source: AsyncIterable<Uint8Array>): Promise<StagedContent> {
    try {
      return await this.store.stage(source, this.maxBytes);
    } catch (error) {
      if (error instanceof ContentTooLargeError)
        throw new InvalidRequestError(`File is too large: the limit is ${this.maxBytes} bytes`);
      throw error;
    }
  }

  private async readLimited(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > this.maxBytes) throw new InvalidRequestError(`File is too large: the limit is ${this.maxBytes} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** The sniffed type, if the kind accepts it. */
  private typeOf(head: Uint8Array, kind: UploadKind): string {
    if (head.length === 0) throw new InvalidRequestError('File is empty');
    const mimeType = sniffContentType(head);
    if (!mimeType || !ACCEPTED_TYPES[kind].includes(mimeType)) {
      throw new InvalidRequestError(
        `Unsupported file type${mimeType ? ` ${mimeType}` : ''} for ${kind}: expected ${ACCEPTED_TYPES[kind].join(', ')}`,
      );
    }
    return mimeType;
  }

  private async analyze(image: Buffer): Promise<readonly FaceMeta[]> {
    if (!this.faces) throw new UnavailableError('Face analysis is not available');
    const result = await this.faces.analyze(image);
    if (result.status === 'unavailable') throw new UnavailableError(`Face analysis is not available: ${result.reason}`);
    if (result.status === 'failed') throw new InvalidRequestError(`Image cannot be analysed: ${result.reason}`);
    return result.faces;
  }
}
