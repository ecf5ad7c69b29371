import { runProcess } from '../../src/ffmpeg/process-runner.js';

/**
 * Test videos made with ffmpeg from the fixtures, for the RTSP test server (H.264 baseline MP4,
 * a key frame a second, so a client decodes from its first second).
 */
export const FACE_FIXTURES = new URL('../../../test/fixtures/faces/', import.meta.url);

async function encode(args: string[], out: string): Promise<string> {
  const { exit } = await runProcess({
    command: 'ffmpeg',
    args: [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      ...args,
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
  const background = new URL('messi5.jpg', FACE_FIXTURES).pathname;
  const span = o.to - o.from;
  return encode(
    [
      '-loop',
      '1',
      '-framerate',
      '10',
      '-t',
      String(o.seconds),
      '-i',
      background,
      '-f',
      'lavfi',
      '-i',
      `color=c=white:s=60x60:r=10:d=${o.seconds}`,
      '-filter_complex',
      `[0:v]scale=640:360,boxblur=4[bg];[bg][1:v]overlay=x='40+(t-${o.from})/${span}*500':y=150:enable='between(t,${o.from},${o.to})'[v]`,
      '-map',
      '[v]',
      '-r',
      '10',
    ],
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
  const photo = new URL(o.photo, FACE_FIXTURES).pathname;
  const fps = String(o.fps ?? 10);
  const enable = o.appearances.map(([a, b]) => `between(t,${a},${b})`).join('+');
  return encode(
    [
      '-f',
      'lavfi',
      '-i',
      `color=c=0x506070:s=${o.size ?? '640x360'}:r=${fps}:d=${o.seconds}`,
      '-loop',
      '1',
      '-framerate',
      fps,
      '-t',
      String(o.seconds),
      '-i',
      photo,
      '-filter_complex',
      `[1:v]scale=-2:${o.height ?? 240}[face];[0:v][face]overlay=x=(W-w)/2:y=(H-h)/2:enable='${enable}'[v]`,
      '-map',
      '[v]',
      '-r',
      fps,
    ],
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
  const fps = String(o.fps ?? 10);
  const background = new URL('messi5.jpg', FACE_FIXTURES).pathname;
  const plate = new URL(`plate_${o.number}.png`, PLATE_FIXTURES).pathname;
  const x = o.appearances.reduceRight(
    (otherwise, [from, to]) => `if(between(t,${from},${to}),80+(t-${from})/${to - from}*820,${otherwise})`,
    '-2000',
  );
  const enable = o.appearances.map(([a, b]) => `between(t,${a},${b})`).join('+');
  return encode(
    [
      '-loop',
      '1',
      '-framerate',
      fps,
      '-t',
      String(o.seconds),
      '-i',
      background,
      '-loop',
      '1',
      '-framerate',
      fps,
      '-t',
      String(o.seconds),
      '-i',
      plate,
      '-filter_complex',
      `[0:v]scale=1280:720,boxblur=4[bg];[1:v]scale=${o.width ?? 300}:-2[plate];[bg][plate]overlay=x='${x}':y=420:enable='${enable}'[v]`,
      '-map',
      '[v]',
      '-r',
      fps,
    ],
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
  const inputs = o.numbers.flatMap((n) => [
    '-loop',
    '1',
    '-framerate',
    '10',
    '-t',
    String(seconds),
    '-i',
    new URL(`scene_${n}.jpg`, PLATE_FIXTURES).pathname,
  ]);
  let chain = '';
  let last = '0:v';
  o.numbers.forEach((_, i) => {
    const from = o.gap + i * period;
    chain += `[${last}][${i + 1}:v]overlay=x=0:y=0:enable='between(t,${from},${from + o.show})'[s${i}];`;
    last = `s${i}`;
  });
  return encode(
    [
      '-f',
      'lavfi',
      '-i',
      `color=c=0x5a626c:s=1280x720:r=10:d=${seconds}`,
      ...inputs,
      '-filter_complex',
      chain.slice(0, -1).replace(/\[s\d+\]$/, '[v]'),
      '-map',
      '[v]',
      '-r',
      '10',
    ],
    out,
  );
}
