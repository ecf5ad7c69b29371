import { INTERNAL_SIGNATURE_HEADER, internalSignature } from './authenticator.js';
import type { Viewer } from './viewer.js';

/** One audit-log entry: who (the viewer) did what (action type) to which object (meta). */
export interface AuditEntry {
  readonly actionType: string;
  /** the organization the action concerns; defaults to the viewer's */
  readonly organizationId?: number;
  readonly meta?: Record<string, unknown>;
}

/** Writes audit-log entries; the identity part owns the log, other parts send entries to it. */
export interface AuditRecorder {
  record(viewer: Viewer, entry: AuditEntry): Promise<void>;
}

/** Sends entries to the identity part's /internal/audit endpoint. */
export class RemoteAuditRecorder implements AuditRecorder {
  constructor(
    private readonly url: string,
    private readonly internalKey: string,
  ) {}

  async record(viewer: Viewer, entry: AuditEntry): Promise<void> {
    const body = JSON.stringify({ viewer, entry });
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [INTERNAL_SIGNATURE_HEADER]: internalSignature(body, this.internalKey),
      },
      body,
    });
    if (!response.ok) throw new Error(`Audit log refused the entry: HTTP ${response.status}`);
  }
}
