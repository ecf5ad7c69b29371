import { describe, expect, it } from 'vitest';
import type { IngestCamera } from './camera-source.js';
import { buildFfmpegArgs, type FfmpegOptions, type FfmpegRole } from './ffmpeg-args.js';
import { redactArgs } from './redaction.js';

const camera = (source: Partial<IngestCamera['source']> = {}): IngestCamera => ({
  id: 'cam-1',
  source: { url: 'rtsp://10.0.0.5:554/stream1', username: 'admin', password: 'p@ss:w/rd', transport: 'tcp', ...source },
});

/** The value after a flag (the first occurrence from `from`). */
function after(args: string[], flag: string, from = 0): string | undefined {
  const i = args.indexOf(flag, from);
  return i < 0 ? undefined : args[i + 1];
}

describe('buildFfmpegArgs', () => {
  const cases: Array<{
    name: string;
    camera: IngestCamera;
    role: FfmpegRole;
    options?: FfmpegOptions;
    expect: (args: string[]) => void;
  }> = [
    {
      name: 'record: RTSP over TCP with encoded credentials, timeouts, HLS by stream copy with wall-clock names',
      camera: camera(),
      role: 'record',
      options: { runId: 'abc123' },
      expect: (args) => {
        expect(args).toContain('-y'); // a restart overwrites snapshot.jpg
        expect(after(args, '-rtsp_transport')).toBe('tcp');
        expect(after(args, '-timeout')).toBe('10000000');
        expect(after(args, '-analyzeduration')).toBe('1000000');
        expect(after(args, '-use_wallclock_as_timestamps')).toBe('1');
        expect(args.indexOf('-use_wallclock_as_timestamps')).toBeLessThan(args.indexOf('-i'));
        expect(after(args, '-i')).toBe('rtsp://admin:p%40ss%3Aw%2Frd@10.0.0.5:554/stream1');
        expect(after(args, '-progress')).toBe('pipe:1');
        expect(after(args, '-c')).toBe('copy');
        expect(after(args, '-map')).toBe('0:v:0');
        expect(after(args, '-f')).toBe('hls');
        expect(after(args, '-hls_time')).toBe('2');
        expect(after(args, '-hls_flags')).toBe(
          'program_date_time+append_list+omit_endlist+second_level_segment_index+second_level_segment_duration',
        );
        expect(after(args, '-strftime')).toBe('1');
        expect(after(args, '-strftime_mkdir')).toBe('1');
        expect(after(args, '-hls_segment_filename')).toBe('%Y-%m-%d/%H/%s-abc123-%%06d-%%09t.ts');
        expect(args).toContain('live.m3u8');
        expect(args.slice(-1)).toEqual(['snapshot.jpg']);
      },
    },
    {
      name: 'record: options change segment length, list size, timeouts and log level',
      camera: camera(),
      role: 'record',
      options: {
        runId: 'r',
        hlsTimeSec: 4,
        liveListSize: 10,
        socketTimeoutMs: 2500,
        analyzeDurationMs: 500,
        logLevel: 'warning',
        snapshot: false,
      },
      expect: (args) => {
        expect(after(args, '-hls_time')).toBe('4');
        expect(after(args, '-hls_list_size')).toBe('10');
        expect(after(args, '-timeout')).toBe('2500000');
        expect(after(args, '-analyzeduration')).toBe('500000');
        expect(after(args, '-loglevel')).toBe('warning');
        expect(args).not.toContain('snapshot.jpg');
        expect(args).not.toContain('-skip_frame');
        expect(args.at(-1)).toBe('live.m3u8');
      },
    },
    {
      name: "the source's own timestamps when asked",
      camera: camera(),
      role: 'record',
      options: { wallclockTimestamps: false },
      expect: (args) => {
        expect(args).not.toContain('-use_wallclock_as_timestamps');
      },
    },
    {
      name: 'udp transport',
      camera: camera({ transport: 'udp' }),
      role: 'record',
      expect: (args) => expect(after(args, '-rtsp_transport')).toBe('udp'),
    },
    {
      name: 'auto transport leaves the choice to ffmpeg',
      camera: camera({ transport: 'auto' }),
      role: 'record',
      expect: (args) => expect(args).not.toContain('-rtsp_transport'),
    },
    {
      name: 'no username: the URL as stored',
      camera: camera({ username: null, password: null }),
      role: 'record',
      expect: (args) => expect(after(args, '-i')).toBe('rtsp://10.0.0.5:554/stream1'),
    },
    {
      name: 'audio copy maps the first audio stream when there is one',
      camera: camera(),
      role: 'record',
      options: { audio: true },
      expect: (args) =>
        expect(args.slice(args.indexOf('-map'), args.indexOf('-map') + 4)).toEqual(['-map', '0:v:0', '-map', '0:a:0?']),
    },
    {
      name: 'snapshot from key frames only by default: the decoder skips the rest, scaled, written atomically',
      camera: camera(),
      role: 'record',
      expect: (args) => {
        expect(args.indexOf('-skip_frame')).toBeLessThan(args.indexOf('-i'));
        expect(after(args, '-skip_frame')).toBe('nokey');
        const out = args.lastIndexOf('-map');
        expect(after(args, '-vf', out)).toBe("scale=w='min(iw,640)':h=-2");
        expect(after(args, '-update', out)).toBe('1');
        expect(after(args, '-atomic_writing', out)).toBe('1');
        expect(after(args, '-f', out)).toBe('image2');
      },
    },
    {
      name: 'snapshot from all frames at a set rate',
      camera: camera(),
      role: 'record',
      options: { snapshot: { keyframesOnly: false, fps: 0.5, maxWidth: 320, quality: 1 } },
      expect: (args) => {
        expect(args).not.toContain('-skip_frame');
        expect(after(args, '-vf')).toBe("fps=0.5,scale=w='min(iw,320)':h=-2");
        expect(after(args, '-q:v')).toBe('2');
      },
    },
    {
      name: 'live: a live window whose segments ffmpeg deletes',
      camera: camera(),
      role: 'live',
      options: { runId: 'x1' },
      expect: (args) => {
        expect(after(args, '-hls_flags')).toContain('delete_segments');
        expect(after(args, '-hls_segment_filename')).toBe('live/x1-%06d.ts');
        expect(after(args, '-hls_base_url')).toBe('live/');
        expect(args).not.toContain('-strftime');
      },
    },
    {
      name: 'snapshot: the JPEG only',
      camera: camera(),
      role: 'snapshot',
      expect: (args) => {
        expect(args).not.toContain('hls');
        expect(args).not.toContain('copy');
        expect(args.at(-1)).toBe('snapshot.jpg');
      },
    },
  ];

  for (const c of cases) {
    it(c.name, () => c.expect(buildFfmpegArgs(c.camera, c.role, c.options)));
  }

  it('is pure: the same input gives the same arguments', () => {
    expect(buildFfmpegArgs(camera(), 'record', { runId: 'a' })).toEqual(
      buildFfmpegArgs(camera(), 'record', { runId: 'a' }),
    );
  });

  it('refuses bad options', () => {
    expect(() => buildFfmpegArgs(camera(), 'record', { runId: 'Bad/Run' })).toThrow(/run id/);
    expect(() => buildFfmpegArgs(camera(), 'record', { hlsTimeSec: 0 })).toThrow(/hlsTimeSec/);
    expect(() => buildFfmpegArgs(camera(), 'snapshot', { snapshot: false })).toThrow(/snapshot/);
  });

  it('redactArgs leaves no credential in the arguments', () => {
    const c = camera({ password: 'Sup3r$ecret' });
    const logged = redactArgs(buildFfmpegArgs(c, 'record'), ['Sup3r$ecret']).join(' ');
    expect(logged).not.toContain('Sup3r');
    expect(logged).not.toContain('admin');
    expect(logged).toContain('rtsp://***:***@10.0.0.5:554/stream1');
  });
});
