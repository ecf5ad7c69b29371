/**
 * The vote of one tracked plate across its frames: every reading adds its confidence to the
 * normalised number it read, and the number with the most weight is the track's plate. One
 * misread frame (0 for O, a lost character) cannot outvote the frames that agree.
 */

/** A number is voted once at least this many readings agree on it… */
export const MIN_AGREEING_READS = 2;
/** …and it holds at least this share of all the track's weight. */
export const MIN_SHARE = 0.5;
/** A different number replaces the reported one when its weight is at least this many times the reported one's… */
export const IMPROVE_RATIO = 1.5;
/** …at most this many times per track. */
export const MAX_IMPROVED = 2;
/** distinct numbers kept per track (the lightest are forgotten beyond) */
const MAX_CANDIDATES = 16;

export interface PlateVerdict {
  readonly action: 'appeared' | 'improved';
  /** the voted number */
  readonly number: string;
  /** readings of it */
  readonly reads: number;
  /** its summed confidence */
  readonly weight: number;
  /** its share of all the track's weight, 0..1 */
  readonly share: number;
}

interface Tally {
  reads: number;
  weight: number;
}

export class PlateVotes {
  private readonly tallies = new Map<string, Tally>();
  private total = 0;
  private reported: string | undefined;
  private improvements = 0;

  /** The voted number so far, when confident. */
  get leader(): { number: string; reads: number; weight: number; share: number } | undefined {
    const number = this.heaviest;
    if (number === undefined) return undefined;
    const { reads, weight } = this.tallies.get(number)!;
    const share = this.total > 0 ? weight / this.total : 0;
    if (reads < MIN_AGREEING_READS || share < MIN_SHARE) return undefined;
    return { number, reads, weight, share };
  }

  /** The number with the most weight so far, confident or not. */
  get heaviest(): string | undefined {
    let best: [string, Tally] | undefined;
    for (const entry of this.tallies) if (!best || entry[1].weight > best[1].weight) best = entry;
    return best?.[0];
  }

  /** The number reported last, if any. */
  get reportedNumber(): string | undefined {
    return this.reported;
  }

  /**
   * Adds one reading (a normalised number and the recogniser's confidence, 0..1) and says whether
   * the track now reports: `appeared` when its vote first becomes confident, `improved` when a
   * different number overtakes the reported one by IMPROVE_RATIO (at most MAX_IMPROVED times).
   */
  add(number: string, confidence: number): PlateVerdict | undefined {
    const weight = Math.max(0, Math.min(1, confidence));
    const tally = this.tallies.get(number) ?? { reads: 0, weight: 0 };
    tally.reads++;
    tally.weight += weight;
    this.tallies.set(number, tally);
    this.total += weight;
    this.forgetLightest();
    const leader = this.leader;
    if (!leader) return undefined;
    if (this.reported === undefined) {
      this.reported = leader.number;
      return { action: 'appeared', ...leader };
    }
    if (leader.number === this.reported || this.improvements >= MAX_IMPROVED) return undefined;
    const reportedWeight = this.tallies.get(this.reported)?.weight ?? 0;
    if (leader.weight < IMPROVE_RATIO * reportedWeight) return undefined;
    this.reported = leader.number;
    this.improvements++;
    return { action: 'improved', ...leader };
  }

  private forgetLightest(): void {
    while (this.tallies.size > MAX_CANDIDATES) {
      let lightest: string | undefined;
      let min = Infinity;
      for (const [number, t] of this.tallies) {
        if (number !== this.reported && t.weight < min) {
          min = t.weight;
          lightest = number;
        }
      }
      if (lightest === undefined) return;
      this.total -= min;
      this.tallies.delete(lightest);
    }
  }
}
