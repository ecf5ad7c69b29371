/**
 * Splits ffmpeg's `-c:v ppm -f image2pipe` output into frames. Every frame carries its own
 * header ("P6\n<width> <height>\n255\n" then width × height × 3 bytes of RGB), so the analysis
 * size needs no probe and a camera that changes resolution mid-stream is followed.
 */
export interface RawFrame {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

const MAX_HEADER = 64;
const MAX_PIXELS = 4096 * 4096;

export class PpmFrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private header: { width: number; height: number; offset: number } | undefined;

  /** Frames completed by this chunk, in order. Throws on data that is not PPM. */
  push(chunk: Buffer): RawFrame[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: RawFrame[] = [];
    for (;;) {
      if (!this.header) {
        if (this.buffered === 0) break;
        const head = this.peek(Math.min(this.buffered, MAX_HEADER));
        const parsed = parseHeader(head);
        if (parsed === 'incomplete') {
          if (this.buffered >= MAX_HEADER) throw new Error('not a PPM stream: no header in the first bytes');
          break;
        }
        this.header = parsed;
      }
      const size = this.header.offset + this.header.width * this.header.height * 3;
      if (this.buffered < size) break;
      const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
      const data = all.subarray(this.header.offset, size);
      frames.push({
        width: this.header.width,
        height: this.header.height,
        data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      });
      const rest = all.subarray(size);
      this.chunks = rest.length ? [rest] : [];
      this.buffered = rest.length;
      this.header = undefined;
    }
    return frames;
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length >= n) return this.chunks[0]!.subarray(0, n);
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all.subarray(0, n);
  }
}

function parseHeader(head: Buffer): { width: number; height: number; offset: number } | 'incomplete' {
  if (head.length >= 2 && (head[0] !== 0x50 || head[1] !== 0x36)) throw new Error('not a PPM (P6) frame');
  // P6 <ws> width <ws> height <ws> maxval <one ws>
  const fields: number[] = [];
  let i = 2;
  while (fields.length < 3) {
    while (i < head.length && isSpace(head[i]!)) i++;
    const from = i;
    while (i < head.length && head[i]! >= 0x30 && head[i]! <= 0x39) i++;
    if (i >= head.length) return 'incomplete';
    if (i === from || !isSpace(head[i]!)) throw new Error('malformed PPM header');
    fields.push(Number(head.toString('latin1', from, i)));
  }
  const [width, height, maxval] = fields as [number, number, number];
  if (maxval !== 255) throw new Error(`PPM with maxval ${maxval} (only 8-bit frames are read)`);
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) throw new Error(`PPM frame of ${width}×${height}`);
  return { width, height, offset: i + 1 };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
