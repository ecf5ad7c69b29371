import { describe, expect, it } from 'vitest';
import { buildAnalysisArgs, FRAMES_FD } from './analysis-ffmpeg-args.js';
import { analyticsFingerprint, parseAnalyticsSettings, runsAnalysis } from './analytics-settings.js';

describe('video_analytics settings', () => {
  it('reads the REST spelling and topology’s stored spelling alike, with defaults', () => {
    const rest = parseAnalyticsSettings({
      fps: 5,
      face: { enabled: true, min_confidence: 0.7 },
      motion: {
        enabled: true,
        regions: [
          {
            name: 'Gate',
            polygon: [
              { x: 0.1, y: 0.1 },
              { x: 0.9, y: 0.1 },
              { x: 0.9, y: 0.9 },
            ],
          },
        ],
      },
      line_crossing: {
        enabled: true,
        lines: [{ name: 'Door', start: { x: 0, y: 0.5 }, end: { x: 1, y: 0.5 }, direction: 'left_to_right' }],
      },
    });
    const stored = parseAnalyticsSettings({
      fps: 5,
      face: { enabled: true, minConfidence: 0.7, minSizePx: 40 },
      plate: { enabled: false, minConfidence: 0.5, minSizePx: 60 },
      motion: {
        enabled: true,
        sensitivity: 0.5,
        minArea: 0.01,
        regions: [
          {
            name: 'Gate',
            polygon: [
              { x: 0.1, y: 0.1 },
              { x: 0.9, y: 0.1 },
              { x: 0.9, y: 0.9 },
            ],
          },
        ],
      },
      lineCrossing: {
        enabled: true,
        lines: [{ name: 'Door', start: { x: 0, y: 0.5 }, end: { x: 1, y: 0.5 }, direction: 'LEFT_TO_RIGHT' }],
      },
    });
    expect(stored).toEqual(rest);
    expect(rest!.face).toEqual({ enabled: true, minConfidence: 0.7, minSizePx: 40 });
    expect(rest!.lineCrossing.lines[0]!.direction).toBe('left_to_right');
    expect(runsAnalysis(rest)).toBe(true);
  });

  it('runs nothing when not configured, and plates alone; fingerprints what it runs', () => {
    expect(parseAnalyticsSettings(null)).toBeNull();
    expect(runsAnalysis(parseAnalyticsSettings({ plate: { enabled: false } }))).toBe(false);
    expect(runsAnalysis(parseAnalyticsSettings({ plate: { enabled: true } }))).toBe(true);
    expect(analyticsFingerprint(parseAnalyticsSettings({ plate: { enabled: true } }))).not.toBe(
      analyticsFingerprint(parseAnalyticsSettings({ plate: { enabled: true, min_confidence: 0.8 } })),
    );
    expect(runsAnalysis(parseAnalyticsSettings({ line_crossing: { enabled: true, lines: [] } }))).toBe(false);
    expect(analyticsFingerprint(parseAnalyticsSettings({ fps: 3 }))).toBe(analyticsFingerprint(null));
    const a = parseAnalyticsSettings({ motion: { enabled: true } });
    const b = parseAnalyticsSettings({ motion: { enabled: true, sensitivity: 0.9 } });
    expect(analyticsFingerprint(a)).not.toBe(analyticsFingerprint(b));
  });

  it('clamps values out of range and drops malformed lines and regions', () => {
    const s = parseAnalyticsSettings({
      fps: 100,
      face: { enabled: true, min_size_px: 2 },
      motion: { enabled: true, regions: [{ name: 'x', polygon: [{ x: 0, y: 0 }] }, 'junk'] },
      line_crossing: { enabled: true, lines: [{ name: 'same', start: { x: 0.2, y: 0.2 }, end: { x: 0.2, y: 0.2 } }] },
    })!;
    expect(s.fps).toBe(30);
    expect(s.face.minSizePx).toBe(8);
    expect(s.motion.regions).toEqual([]);
    expect(s.lineCrossing.lines).toEqual([]);
  });
});

describe('analysis ffmpeg arguments', () => {
  it('take the ingest input and write scaled RGB frames as PPM to fd 3', () => {
    const args = buildAnalysisArgs(
      { id: 'c', source: { url: 'rtsp://cam/s', username: 'u', password: 'p w', transport: 'udp' } },
      { fps: 2, maxWidth: 640 },
    );
    const input = args.indexOf('-i');
    expect(args[input + 1]).toBe('rtsp://u:p%20w@cam/s');
    expect(args.slice(0, input)).toEqual(
      expect.arrayContaining(['-rtsp_transport', 'udp', '-use_wallclock_as_timestamps']),
    );
    expect(args).not.toContain('-skip_frame');
    expect(args.slice(input + 2)).toEqual([
      '-map',
      '0:v:0',
      '-an',
      '-vf',
      "fps=2,scale=w='min(iw,640)':h=-2:flags=bilinear,format=rgb24," +
        'metadata=mode=add:key=argus_frame:value=1,metadata=mode=print:key=argus_frame:file=pipe\\\\:4:direct=1',
      '-c:v',
      'ppm',
      '-f',
      'image2pipe',
      `pipe:${FRAMES_FD}`,
    ]);
    expect(() => buildAnalysisArgs({ id: 'c', source: { url: 'rtsp://x' } }, { fps: 0, maxWidth: 640 })).toThrow(/fps/);
  });
});
