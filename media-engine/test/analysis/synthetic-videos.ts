import { runProcess } from '../../src/ffmpeg/process-runner.js';

/**
 * Test videos made with ffmpeg from the fixtures, for the RTSP test server (H.264 baseline MP4,
 * a key frame a second, so a client decodes from its first second).
 */
export const FACE_FIXTURES = new URL('../../../test/fixtures/faces/', import.meta.url);

/** An input of a composition: a still image looped, or a plain colour of a size (`640x360`). */
type Layer = { readonly image: string } | { readonly color: string; readonly size: string };

/**
 * `seconds` of video at `fps` composed from `layers` (ffmpeg's inputs 0, 1, … in that order) by the
 * filter graph `graph`, whose output is labelled [v].
 */
interface Composition {
  readonly fps: number;
  readonly seconds: number;
  readonly layers: readonly Layer[];
  readonly graph: string;
}

/** An ffmpeg `enable` expression true during each of the windows [from, to] seconds. */
const during = (windows: readonly [number, number][]) => windows.map(([a, b]) => `between(t,${a},${b})`).join('+');

/** Makes `video` with ffmpeg into the file `out`. */
async function encode(video: Composition, out: string): Promise<string> {
  const fps = String(video.fps);
  const inputs = video.layers.flatMap((layer) =>
    'image' in layer
      ? ['-loop', '1', '-framerate', fps, '-t', String(video.seconds), '-i', layer.image]
      : ['-f', 'lavfi', '-i', `color=c=${layer.color}:s=${layer.size}:r=${fps}:d=${video.seconds}`],
  );
  const { exit } = await runProcess({
    command: 'ffmpeg',
    args: [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      ...inputs,
      '-filter_complex',
      video.graph,
      '-map',
      '[v]',
      '-r',
      fps,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-profile:v',
      'baseline',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '10',
      '-movflags',
      '+faststart',
      out,
    ],
    timeoutMs: 120_000,
    dieWithParent: true,
  });
  if (exit.code !== 0) throw new Error(`ffmpeg could not make ${out}: ${exit.stderrTail.join(' | ')}`);
  return out;
}

/**
 * 640×360 at 10 fps, `seconds` long: a still photo (a fixture, blurred, so it is a textured but
 * steady background) and a 60×60 white box crossing from x = 40 to x = 540 at y = 150 between
 * `from` and `to` seconds, visible only then.
 */
export function movingBoxVideo(out: string, o: { seconds: number; from: number; to: number }): Promise<string> {
  const span = o.to - o.from;
  return encode(
    {
      fps: 10,
      seconds: o.seconds,
      layers: [{ image: new URL('messi5.jpg', FACE_FIXTURES).pathname }, { color: 'white', size: '60x60' }],
      graph: `[0:v]scale=640:360,boxblur=4[bg];[bg][1:v]overlay=x='40+(t-${o.from})/${span}*500':y=150:enable='${during([[o.from, o.to]])}'[v]`,
    },
    out,
  );
}

/**
 * `size` (default 640×360) at `fps` (default 10): a plain background and a face photo (scaled to `height` px
 * high) in the middle, shown during each of the `appearances` windows [from, to] seconds.
 */
export function faceVideo(
  out: string,
  o: { photo: string; seconds: number; appearances: [number, number][]; height?: number; size?: string; fps?: number },
): Promise<string> {
  return encode(
    {
      fps: o.fps ?? 10,
      seconds: o.seconds,
      layers: [{ color: '0x506070', size: o.size ?? '640x360' }, { image: new URL(o.photo, FACE_FIXTURES).pathname }],
      graph: `[1:v]scale=-2:${o.height ?? 240}[face];[0:v][face]overlay=x=(W-w)/2:y=(H-h)/2:enable='${during(o.appearances)}'[v]`,
    },
    out,
  );
}

/**
 * 640×360 at 10 fps, `seconds` long: a plain background and a face photo 160 px high walking from
 * the left edge (x = 20) to the right edge between `from` and `to` seconds, visible only then.
 */
export function movingFaceVideo(
  out: string,
  o: { photo: string; seconds: number; from: number; to: number },
): Promise<string> {
  const span = o.to - o.from;
  return encode(
    {
      fps: 10,
      seconds: o.seconds,
      layers: [{ color: '0x506070', size: '640x360' }, { image: new URL(o.photo, FACE_FIXTURES).pathname }],
      graph: `[1:v]scale=-2:160[face];[0:v][face]overlay=x='20+(t-${o.from})/${span}*(W-w-40)':y=(H-h)/2:enable='${during([[o.from, o.to]])}'[v]`,
    },
    out,
  );
}

export const PLATE_FIXTURES = new URL('../../../test/fixtures/plates/', import.meta.url);
/** the numbers of the synthetic plate fixtures (plate_<number>.png, scene_<number>.jpg) */
export const PLATE_NUMBERS = ['AB123CD', 'GH2024', 'KL45MNP', 'MR07BUS', 'XY987ZT'] as const;

/**
 * 1280×720 at `fps` (default 10), `seconds` long: a still photo (a fixture, blurred) and the plate
 * fixture `plate_<number>.png` scaled to `width` px (default 300), driving from x = 80 to x = 900
 * at y = 420 during each of the `appearances` windows [from, to] seconds, absent otherwise.
 */
export function movingPlateVideo(
  out: string,
  o: { number: string; seconds: number; appearances: [number, number][]; width?: number; fps?: number },
): Promise<string> {
  const x = o.appearances.reduceRight(
    (otherwise, [from, to]) => `if(between(t,${from},${to}),80+(t-${from})/${to - from}*820,${otherwise})`,
    '-2000',
  );
  return encode(
    {
      fps: o.fps ?? 10,
      seconds: o.seconds,
      layers: [
        { image: new URL('messi5.jpg', FACE_FIXTURES).pathname },
        { image: new URL(`plate_${o.number}.png`, PLATE_FIXTURES).pathname },
      ],
      graph: `[0:v]scale=1280:720,boxblur=4[bg];[1:v]scale=${o.width ?? 300}:-2[plate];[bg][plate]overlay=x='${x}':y=420:enable='${during(o.appearances)}'[v]`,
    },
    out,
  );
}

/**
 * 1280×720 at 10 fps: the scene fixtures `scene_<number>.jpg` one after the other, each shown for
 * `show` seconds after `gap` seconds of their plain grey background (so each plate is a new
 * appearance), then `gap` seconds of background. Scene i is on screen from gap + i × (show + gap).
 */
export function plateScenesVideo(
  out: string,
  o: { numbers: readonly string[]; show: number; gap: number },
): Promise<string> {
  const period = o.show + o.gap;
  const seconds = o.gap + o.numbers.length * period;
  const graph = o.numbers.map((_, i) => {
    const from = o.gap + i * period;
    const under = i === 0 ? '0:v' : `s${i - 1}`;
    const label = i === o.numbers.length - 1 ? 'v' : `s${i}`;
    return `[${under}][${i + 1}:v]overlay=x=0:y=0:enable='${during([[from, from + o.show]])}'[${label}]`;
  });
  return encode(
    {
      fps: 10,
      seconds,
      layers: [
        { color: '0x5a626c', size: '1280x720' },
        ...o.numbers.map((n) => ({ image: new URL(`scene_${n}.jpg`, PLATE_FIXTURES).pathname })),
      ],
      graph: graph.join(';'),
    },
    out,
  );
}
