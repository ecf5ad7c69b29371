import type { Viewer } from '@argus/core';

/**
 * What identity announces on this PostgreSQL channel (its migration `ViewerChangeNotices` sends it
 * from triggers, inside the writing transaction): a change that may alter the answer of a token check.
 */
export const VIEWER_CHANGES_CHANNEL = 'identity_viewer_changes';

export type ViewerChange =
  | { readonly kind: 'token'; readonly id: string }
  | { readonly kind: 'user'; readonly id: number }
  | { readonly kind: 'role'; readonly id: number }
  | { readonly kind: 'all' };

/** A notice's payload (`token:<id>`, `user:<id>`, `role:<id>`, `all`); anything else counts as `all`. */
export function parseViewerChange(payload: string): ViewerChange {
  const colon = payload.indexOf(':');
  const kind = colon < 0 ? payload : payload.slice(0, colon);
  const id = payload.slice(colon + 1);
  if (kind === 'token' && id !== '') return { kind, id };
  if ((kind === 'user' || kind === 'role') && /^\d{1,15}$/.test(id)) return { kind, id: Number(id) };
  return { kind: 'all' };
}

/** Whether a change may alter the answer for a token (its id) and the viewer identity gave for it. */
export function touches(change: ViewerChange, tokenId: string, viewer: Viewer): boolean {
  switch (change.kind) {
    case 'token':
      return change.id === tokenId;
    case 'user':
      return change.id === viewer.userId;
    case 'role':
      return change.id === viewer.roleId;
    case 'all':
      return true;
  }
}
