import { INTERNAL_SIGNATURE_HEADER, internalSignature } from './auth/authenticator.js';
import type { Viewer } from './auth/viewer.js';
import { UnavailableError } from './errors.js';
import type { UploadCatalog, UploadKind } from './uploads.js';

/** An upload as the media part describes it to other parts (the REST model plus owner, size and digest). */
export interface UploadRecord {
  readonly id: string;
  readonly kind: UploadKind;
  readonly mime_type: string;
  readonly original_id: string | null;
  readonly created_at: string;
  readonly url: string | null;
  /** for face images: `{ detection: { rect, landmarks, score? }, descriptor: { data, norm, version? } }` */
  readonly meta: Record<string, any> | null;
  readonly organization_id: number;
  readonly size: number;
  readonly sha256: string;
}

/**
 * The uploads catalog with the caller's scope: given a viewer, only uploads of the viewer's
 * organization count (every organization for superusers); without one, any organization's.
 */
export interface ScopedUploadCatalog extends UploadCatalog {
  exists(uploadId: string, kind: UploadKind, viewer?: Viewer): Promise<boolean>;
  lookup(uploadIds: readonly string[], viewer?: Viewer): Promise<UploadRecord[]>;
}

/** The organization a viewer's upload references are limited to (none for superusers). */
export function uploadScopeOf(viewer: Viewer | undefined): number | undefined {
  return viewer && !viewer.isSuperuser ? viewer.organizationId : undefined;
}

/**
 * Asks the media part (its /internal/uploads/* endpoints, signed with the internal key, next to
 * its GraphQL endpoint). The URL may be given late (all-in-one: the media part starts after the
 * parts that use it).
 */
export class RemoteUploadCatalog implements ScopedUploadCatalog {
  constructor(
    private readonly mediaUrl: string | (() => string),
    private readonly internalKey: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async exists(uploadId: string, kind: UploadKind, viewer?: Viewer): Promise<boolean> {
    const answer = await this.call<{ exists?: unknown }>('exists', {
      uploadId,
      kind,
      organizationId: uploadScopeOf(viewer) ?? null,
    });
    return answer.exists === true;
  }

  async lookup(uploadIds: readonly string[], viewer?: Viewer): Promise<UploadRecord[]> {
    if (uploadIds.length === 0) return [];
    const answer = await this.call<{ uploads?: UploadRecord[] }>('lookup', {
      ids: uploadIds,
      organizationId: uploadScopeOf(viewer) ?? null,
    });
    return answer.uploads ?? [];
  }

  private async call<T>(name: 'exists' | 'lookup', payload: unknown): Promise<T> {
    const base = typeof this.mediaUrl === 'function' ? this.mediaUrl() : this.mediaUrl;
    const url = base.replace(/\/graphql\/?$/, `/internal/uploads/${name}`);
    const body = JSON.stringify(payload);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_SIGNATURE_HEADER]: internalSignature(body, this.internalKey),
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new UnavailableError(
        `The media part does not answer: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (!response.ok) throw new Error(`The media part refused the uploads request: HTTP ${response.status}`);
    return (await response.json()) as T;
  }
}
