/**
 * One motion episode per movement, not one event per frame: an episode starts when the moving
 * share of a region reaches `on` in `startFrames` consecutive frames and ends after `endFrames`
 * consecutive frames below `off` (off < on: a movement that dips a little does not end and
 * restart).
 */
export interface HysteresisOptions {
  readonly on: number;
  readonly off: number;
  readonly startFrames: number;
  readonly endFrames: number;
}

export type EpisodeStep = 'idle' | 'started' | 'active' | 'ended';

export class EpisodeHysteresis {
  private active = false;
  private above = 0;
  private quiet = 0;

  constructor(private readonly o: HysteresisOptions) {}

  get inEpisode(): boolean {
    return this.active;
  }

  update(value: number): EpisodeStep {
    if (!this.active) {
      this.above = value >= this.o.on ? this.above + 1 : 0;
      if (this.above >= this.o.startFrames) {
        this.active = true;
        this.quiet = 0;
        return 'started';
      }
      return 'idle';
    }
    this.quiet = value < this.o.off ? this.quiet + 1 : 0;
    if (this.quiet >= this.o.endFrames) {
      this.active = false;
      this.above = 0;
      return 'ended';
    }
    return 'active';
  }
}
