/** One block of ffmpeg's `-progress` report (key=value lines ending with `progress=continue|end`). */
export interface FfmpegProgress {
  /** Video frames written so far (copied or encoded). */
  frame: number;
  /** Output position, microseconds; undefined while ffmpeg reports N/A. */
  outTimeUs: number | undefined;
  /** Processing speed relative to real time (1 = real time); undefined while N/A. */
  speed: number | undefined;
  totalSize: number | undefined;
  done: boolean;
}

/** Collects `-progress pipe:1` lines into blocks. Feed it lines; it returns a block when one ends. */
export class ProgressParser {
  private fields = new Map<string, string>();

  push(line: string): FfmpegProgress | undefined {
    const eq = line.indexOf('=');
    if (eq <= 0) return undefined;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key !== 'progress') {
      this.fields.set(key, value);
      return undefined;
    }
    const f = this.fields;
    this.fields = new Map();
    return {
      frame: num(f.get('frame')) ?? 0,
      outTimeUs: num(f.get('out_time_us')) ?? num(f.get('out_time_ms')),
      speed: num(f.get('speed')?.replace(/x$/, '')),
      totalSize: num(f.get('total_size')),
      done: value === 'end',
    };
  }
}

function num(text: string | undefined): number | undefined {
  if (text === undefined || text === '' || text === 'N/A') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
