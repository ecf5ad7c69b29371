import { InvalidRequestError, internalRoute, normalizePlateNumber, type Route } from '@argus/core';
import type { WatchlistMatchRepository } from '../repositories/watchlist-match.repository.js';

/**
 * Endpoints the media part calls (signed with the internal key) to match recognition events:
 *
 * - `POST /internal/watchlists/face-candidates` `{ organizationId }` → `{ faces: [{ faceId, faceName,
 *   uploadIds, lists: [{ listId, listName, priority }] }] }`: the faces on the organization's face
 *   lists with their face images; the descriptors are the media part's upload meta, compared there.
 * - `POST /internal/watchlists/plate-matches` `{ organizationId, plate }` → `{ matches: [{ plateId,
 *   plateNumber, listId, listName, priority }] }`: plates on the organization's plate lists whose
 *   normalised number equals the plate's.
 */
export function internalMatchRoutes(matches: WatchlistMatchRepository, internalKey: string): Record<string, Route> {
  return {
    '/internal/watchlists/face-candidates': internalRoute<{ organizationId?: unknown }>(internalKey, async (body) => {
      const rows = await matches.faceCandidates(organizationOf(body));
      const faces = new Map<
        number,
        { faceId: number; faceName: string | null; uploadIds: Set<string>; lists: Map<number, object> }
      >();
      for (const row of rows) {
        let face = faces.get(row.face_id);
        if (!face)
          faces.set(
            row.face_id,
            (face = { faceId: row.face_id, faceName: row.full_name, uploadIds: new Set(), lists: new Map() }),
          );
        face.uploadIds.add(row.upload_id);
        face.lists.set(row.list_id, { listId: row.list_id, listName: row.list_name, priority: row.priority });
      }
      return {
        faces: [...faces.values()].map((f) => ({ ...f, uploadIds: [...f.uploadIds], lists: [...f.lists.values()] })),
      };
    }),
    '/internal/watchlists/plate-matches': internalRoute<{ organizationId?: unknown; plate?: unknown }>(
      internalKey,
      async (body) => {
        if (typeof body.plate !== 'string' || body.plate.length > 64)
          throw new InvalidRequestError('plate must be a string');
        const normalized = normalizePlateNumber(body.plate);
        const rows = normalized ? await matches.platesOnLists(organizationOf(body), normalized) : [];
        return {
          matches: rows.map((r) => ({
            plateId: r.plate_id,
            plateNumber: r.number,
            listId: r.list_id,
            listName: r.list_name,
            priority: r.priority,
          })),
        };
      },
    ),
  };
}

function organizationOf(body: { organizationId?: unknown } | null): number {
  const id = body?.organizationId;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)
    throw new InvalidRequestError('organizationId must be a positive integer');
  return id;
}
