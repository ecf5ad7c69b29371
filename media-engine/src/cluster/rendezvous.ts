import { createHash } from 'node:crypto';
import type { ScheduledCamera } from './scheduled-camera.js';

/** What the scheduler needs of a stream server. */
export interface SchedulableServer {
  readonly id: string;
  readonly group: string | null;
  readonly tags: readonly string[];
}

/** The server's group equals the camera's (both null counts as equal) and it carries every camera tag. */
export function serverMatches(
  camera: Pick<ScheduledCamera, 'schedulerGroup' | 'schedulerTags'>,
  server: SchedulableServer,
): boolean {
  if ((camera.schedulerGroup ?? null) !== (server.group ?? null)) return false;
  return camera.schedulerTags.every((tag) => server.tags.includes(tag));
}

/** The rendezvous (highest random weight) score of a camera on a server: 64 bits of sha256. */
export function rendezvousScore(cameraId: string, serverId: string): bigint {
  return createHash('sha256').update(cameraId).update('\0').update(serverId).digest().readBigUInt64BE(0);
}

/**
 * The server that should ingest the camera: among the matching servers, the one with the highest
 * score (ties by id). Every server computes the same answer from the same list, a camera moves
 * only when its server leaves or a better-scoring one joins, and cameras spread evenly.
 * Undefined when no server matches.
 */
export function ownerOf(camera: ScheduledCamera, servers: readonly SchedulableServer[]): string | undefined {
  let best: { id: string; score: bigint } | undefined;
  for (const server of servers) {
    if (!serverMatches(camera, server)) continue;
    const score = rendezvousScore(camera.id, server.id);
    if (!best || score > best.score || (score === best.score && server.id < best.id)) best = { id: server.id, score };
  }
  return best?.id;
}

/** The cameras `serverId` should ingest. */
export function camerasOwnedBy(
  serverId: string,
  cameras: readonly ScheduledCamera[],
  servers: readonly SchedulableServer[],
): ScheduledCamera[] {
  return cameras.filter((camera) => ownerOf(camera, servers) === serverId);
}
