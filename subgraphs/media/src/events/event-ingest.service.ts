import type { Logger } from '@argus/core';
import type { EventRepository, PendingMatch } from '../repositories/event.repository.js';
import { descriptorValues } from '../repositories/event.repository.js';
import type { EventWatchlistFacesRepository } from '../repositories/event-watchlist-faces.repository.js';
import { decodeDescriptor, dot, DESCRIPTOR_MODEL } from './descriptor.js';
import type { EventPlaces } from './event-places.js';
import { PRIORITY_RANK, type FaceMatchEntry, type MatchEntry, type PlateMatchEntry } from './event.types.js';
import type { EventFeed } from './live/event-notice.js';
import { checkReport, type ReportProblem } from './report-validation.js';
import type { EventSnapshotStore } from './snapshot-store.js';
import type { Watchlists } from './watchlist-matcher.js';

export interface EventIngestOptions {
  readonly events: EventRepository;
  readonly watchlistFaces: EventWatchlistFacesRepository;
  readonly places: EventPlaces;
  readonly watchlists: Watchlists;
  readonly feed: EventFeed;
  readonly snapshots: EventSnapshotStore;
  readonly logger: Logger;
  readonly retentionDays: number;
  readonly matchThreshold: number;
  /** tries of matching an event before it is marked failed */
  readonly matchMaxAttempts: number;
  /** the wait after the first failed try; doubled after each further one */
  readonly matchRetryMs: number;
}

export type ReportResult =
  | { readonly status: 'created' | 'duplicate'; readonly eventId: string }
  | { readonly status: 'invalid'; readonly problems: ReportProblem[] }
  | { readonly status: 'unknown_camera' };

const DAY_MS = 86_400_000;

/**
 * Takes the engines' reports: checks them, files them under the camera's organization and place,
 * stores them (a re-sent id is a no-op), announces them, then matches face and plate events against
 * the organization's watchlists. When watchlists does not answer the event stays stored with
 * `match_state = pending` and is retried (doubling waits, `matchMaxAttempts` tries) by `retryDue`.
 */
export class EventIngestService {
  private readonly partitions = new Set<string>();

  constructor(private readonly o: EventIngestOptions) {}

  async report(body: unknown, now = Date.now()): Promise<ReportResult> {
    const checked = checkReport(body, now, this.o.retentionDays * DAY_MS);
    if (Array.isArray(checked)) return { status: 'invalid', problems: checked };
    const { report } = checked;
    const facts = await this.o.places.cameraFacts(report.cameraId);
    if (!facts) return { status: 'unknown_camera' };
    await this.ensurePartition(checked.ts);
    const matchable = report.eventType === 'face_recognition' || report.eventType === 'plate_recognition';
    const created = await this.o.events.insert({
      id: report.eventId,
      event_type: report.eventType,
      camera_id: report.cameraId,
      organization_id: facts.organizationId,
      place_id: facts.placeId,
      stream_server_id: report.streamServerId,
      object_id: report.objectId,
      event_action: report.eventAction,
      ts: checked.ts,
      event_data: checked.eventData,
      plate: checked.plate,
      descriptor: checked.descriptor,
      match_state: matchable ? 'pending' : 'none',
    });
    if (!created) return { status: 'duplicate', eventId: report.eventId };
    const notice = {
      eventId: report.eventId,
      eventType: report.eventType,
      cameraId: report.cameraId,
      organizationId: facts.organizationId,
      placeId: facts.placeId,
      ts: report.ts,
    };
    await this.announce({ ...notice, kind: 'created' });
    if (matchable) {
      await this.matchOne(
        {
          id: report.eventId,
          ts: checked.ts,
          event_type: report.eventType,
          organization_id: facts.organizationId,
          plate: checked.plate,
          descriptor: checked.descriptor ? Array.from(checked.descriptor) : null,
          match_attempts: 0,
        },
        notice,
      );
    }
    return { status: 'created', eventId: report.eventId };
  }

  /** Stores an event's JPEG snapshot; false for an unknown event. */
  async snapshot(eventId: string, content: Buffer): Promise<boolean> {
    const where = await this.o.events.locate(eventId);
    if (!where) return false;
    await this.o.snapshots.put(eventId, where.ts, content);
    await this.o.events.setSnapshot(eventId, where.ts, content.length);
    return true;
  }

  /** Retries matching of events whose next try is due (any process may run this). */
  async retryDue(limit = 50): Promise<number> {
    const due = await this.o.events.claimPending(limit, 60_000);
    for (const pending of due) {
      const row = await this.o.events.findById(pending.id, {});
      if (!row) continue;
      await this.matchOne(pending, {
        eventId: row.id,
        eventType: row.event_type,
        cameraId: row.camera_id,
        organizationId: row.organization_id,
        placeId: row.place_id,
        ts: row.ts.getTime(),
      });
    }
    return due.length;
  }

  /** Creates today's and the next days' partitions, and drops those past retention (with their snapshots). */
  async maintainPartitions(now = new Date()): Promise<void> {
    for (let d = 0; d < 3; d++) await this.ensurePartition(new Date(now.getTime() + d * DAY_MS));
    const cutoff = new Date(now.getTime() - this.o.retentionDays * DAY_MS);
    for (const name of await this.o.events.partitionsBefore(cutoff)) {
      await this.o.events.dropPartition(name);
      const day = name.slice('events_p'.length);
      await this.o.snapshots.dropDay(new Date(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00Z`));
      this.partitions.delete(day);
      this.o.logger.info({ partition: name }, 'dropped an events partition past retention');
    }
    await this.o.snapshots.dropDaysBefore(cutoff);
  }

  private async ensurePartition(ts: Date): Promise<void> {
    const day = ts.toISOString().slice(0, 10).replace(/-/g, '');
    if (this.partitions.has(day)) return;
    await this.o.events.ensurePartition(ts);
    this.partitions.add(day);
  }

  private async matchOne(
    pending: PendingMatch,
    notice: Omit<Parameters<EventFeed['announce']>[0], 'kind' | 'maxPriority'>,
  ): Promise<void> {
    let matches: MatchEntry[];
    try {
      matches =
        pending.event_type === 'face_recognition' ? await this.matchFace(pending) : await this.matchPlate(pending);
    } catch (error) {
      const attempts = pending.match_attempts + 1;
      const retryAt =
        attempts >= this.o.matchMaxAttempts ? null : new Date(Date.now() + this.o.matchRetryMs * 2 ** (attempts - 1));
      await this.o.events.matchFailed(pending.id, pending.ts, retryAt);
      this.o.logger.warn({ err: error, eventId: pending.id, attempts, retryAt }, 'matching an event failed');
      return;
    }
    const ranks = matches.map((m) => (m.priority ? PRIORITY_RANK[m.priority] : 0));
    const maxPriority = matches.length > 0 ? Math.max(...ranks) : null;
    const saved = await this.o.events.saveMatches(pending.id, pending.ts, matches, maxPriority);
    if (saved && maxPriority !== null) await this.announce({ ...notice, kind: 'matched', maxPriority });
  }

  private async matchFace(pending: PendingMatch): Promise<FaceMatchEntry[]> {
    const values = descriptorValues(pending.descriptor);
    if (!values) return [];
    const candidates = await this.o.watchlists.faceCandidates(pending.organization_id);
    const uploads = await this.o.watchlistFaces.descriptors(
      pending.organization_id,
      candidates.flatMap((c) => c.uploadIds),
    );
    const matches: FaceMatchEntry[] = [];
    for (const face of candidates) {
      let best = -Infinity;
      for (const uploadId of face.uploadIds) {
        const meta = uploads.get(uploadId);
        if (!meta || (meta.version && meta.version !== DESCRIPTOR_MODEL)) continue;
        const vector = decodeDescriptor(meta.data);
        if (vector) best = Math.max(best, dot(values, vector));
      }
      if (best < this.o.matchThreshold) continue;
      for (const list of face.lists) {
        matches.push({
          face_id: face.faceId,
          face_name: face.faceName,
          facelist_id: list.listId,
          facelist_name: list.listName,
          similarity: Math.round(best * 1e6) / 1e6,
          priority: list.priority,
        });
      }
    }
    return matches.sort((a, b) => b.similarity - a.similarity || a.facelist_id - b.facelist_id);
  }

  private async matchPlate(pending: PendingMatch): Promise<PlateMatchEntry[]> {
    if (!pending.plate) return [];
    const found = await this.o.watchlists.plateMatches(pending.organization_id, pending.plate);
    return found.map((m) => ({
      plate_id: m.plateId,
      plate_number: m.plateNumber,
      platelist_id: m.listId,
      platelist_name: m.listName,
      similarity: 1,
      priority: m.priority,
    }));
  }

  private async announce(notice: Parameters<EventFeed['announce']>[0]): Promise<void> {
    try {
      await this.o.feed.announce(notice);
    } catch (error) {
      this.o.logger.warn({ err: error, eventId: notice.eventId }, 'announcing an event failed');
    }
  }
}
