import { randomUUID } from 'node:crypto';
import type { Box } from '../client/recognition-events.js';
import { centroid, distance, iou, type Point } from './geometry.js';

export interface TrackerOptions {
  /** a detection overlapping a track's last box at least this much (IoU) continues it */
  readonly minIou: number;
  /** otherwise, one whose centre is at most this far (pixels) from the track's last centre */
  readonly maxDistance: number;
  /** a track unseen for more than this many updates ends */
  readonly maxMissed: number;
  /** updates a track must be seen in before it is confirmed */
  readonly minHits: number;
}

export interface Track<T> {
  /** the object_id of everything reported about this track (uuid) */
  readonly id: string;
  box: Box;
  centre: Point;
  /** the centre at the previous sighting, undefined at the first */
  previousCentre: Point | undefined;
  last: T;
  hits: number;
  missed: number;
  confirmed: boolean;
  readonly firstTs: number;
  lastTs: number;
}

export interface TrackerUpdate<T> {
  /** tracks seen in this update (new ones included) */
  readonly seen: Track<T>[];
  /** tracks that became confirmed in this update */
  readonly confirmed: Track<T>[];
  /** tracks that ended in this update (unseen for more than maxMissed updates) */
  readonly ended: Track<T>[];
}

/**
 * Greedy IoU-then-centroid tracker: one object seen over many frames keeps one id. Pairs of a
 * track and a detection are ranked by IoU (when at least minIou), then by closeness of centres
 * (within maxDistance); each track and detection is used once, the best pairs first.
 */
export class Tracker<T extends { box: Box }> {
  private readonly tracks: Track<T>[] = [];

  constructor(
    private readonly o: TrackerOptions,
    private readonly newId: () => string = randomUUID,
  ) {}

  get active(): readonly Track<T>[] {
    return this.tracks;
  }

  update(detections: readonly T[], ts: number): TrackerUpdate<T> {
    const pairs: { t: number; d: number; score: number }[] = [];
    for (const [t, track] of this.tracks.entries()) {
      for (const [d, detection] of detections.entries()) {
        const overlap = iou(track.box, detection.box);
        if (overlap >= this.o.minIou && overlap > 0) {
          pairs.push({ t, d, score: 1 + overlap });
          continue;
        }
        const gap = distance(track.centre, centroid(detection.box));
        if (gap <= this.o.maxDistance) pairs.push({ t, d, score: 1 - gap / (this.o.maxDistance + 1e-9) });
      }
    }
    pairs.sort((a, b) => b.score - a.score);
    const usedTracks = new Set<number>();
    const usedDetections = new Set<number>();
    const seen: Track<T>[] = [];
    const confirmed: Track<T>[] = [];
    for (const { t, d } of pairs) {
      if (usedTracks.has(t) || usedDetections.has(d)) continue;
      usedTracks.add(t);
      usedDetections.add(d);
      const track = this.tracks[t]!;
      const detection = detections[d]!;
      track.previousCentre = track.centre;
      track.box = detection.box;
      track.centre = centroid(detection.box);
      track.last = detection;
      track.hits++;
      track.missed = 0;
      track.lastTs = ts;
      if (!track.confirmed && track.hits >= this.o.minHits) {
        track.confirmed = true;
        confirmed.push(track);
      }
      seen.push(track);
    }
    const ended: Track<T>[] = [];
    for (let t = this.tracks.length - 1; t >= 0; t--) {
      if (usedTracks.has(t)) continue;
      const track = this.tracks[t]!;
      if (++track.missed > this.o.maxMissed) {
        this.tracks.splice(t, 1);
        ended.push(track);
      }
    }
    for (const [d, detection] of detections.entries()) {
      if (usedDetections.has(d)) continue;
      const track: Track<T> = {
        id: this.newId(),
        box: detection.box,
        centre: centroid(detection.box),
        previousCentre: undefined,
        last: detection,
        hits: 1,
        missed: 0,
        confirmed: this.o.minHits <= 1,
        firstTs: ts,
        lastTs: ts,
      };
      this.tracks.push(track);
      seen.push(track);
      if (track.confirmed) confirmed.push(track);
    }
    return { seen, confirmed, ended: ended.reverse() };
  }

  /** Ends every track (the analyser stops). */
  clear(): Track<T>[] {
    return this.tracks.splice(0, this.tracks.length);
  }
}
