import { describe, expect, it } from 'vitest';
import { toRestStream, toRestStreamInfo, toRestStreamVerifyResult } from './stream.js';
import { toRestStreamDowntimes, toRestStreamStatusSummary } from './stream-status.js';

describe('stream models', () => {
  it('maps a stream with its server and the epoch second of its status', () => {
    expect(
      toRestStream({
        status: 'online',
        reason: null,
        since: '2025-01-01T00:00:10.900Z',
        streamServerId: 'edge-1',
        streamServerHost: 'edge-1.local',
      }),
    ).toEqual({ streamserver_id: 'edge-1', streamserver_host: 'edge-1.local', status: 'online', ts: 1735689610 });
  });

  it('answers empty strings without a server and ts 0 when nothing was recorded', () => {
    expect(
      toRestStream({
        status: 'offline',
        reason: 'no_stream_server',
        since: null,
        streamServerId: null,
        streamServerHost: null,
      }),
    ).toEqual({ streamserver_id: '', streamserver_host: '', status: 'offline', ts: 0 });
  });

  it('maps stream info and the verify result', () => {
    expect(toRestStreamInfo({ frameRate: 10, bitRate: 250_000, width: 320, height: 240, codec: 'h264' })).toEqual({
      frame_rate: 10,
      bit_rate: 250_000,
      frame_width: 320,
      frame_height: 240,
      codec: 'h264',
    });
    expect(toRestStreamVerifyResult({ status: 'ok' })).toEqual({ status: 'ok' });
  });

  it('maps the status summary and downtime periods (an open one ends "")', () => {
    expect(
      toRestStreamStatusSummary([{ cameraId: 'c1', cameraName: 'Gate', lifetime: 120, availability: 99.5 }]),
    ).toEqual({ stream_status_summary: [{ stream_id: 'c1', stream_name: 'Gate', lifetime: 120, availability: 99.5 }] });
    expect(
      toRestStreamDowntimes([
        { start: '2025-01-01T00:00:00.000Z', end: '2025-01-01T00:01:00.000Z', reason: 'unreachable' },
        { start: '2025-01-01T00:02:00.000Z', end: null, reason: 'no_stream_server' },
      ]),
    ).toEqual({
      downtime_stats: [
        {
          ts: '2025-01-01T00:00:00.000Z',
          downtime_start: '2025-01-01T00:00:00.000Z',
          downtime_end: '2025-01-01T00:01:00.000Z',
          reason: 'unreachable',
        },
        {
          ts: '2025-01-01T00:02:00.000Z',
          downtime_start: '2025-01-01T00:02:00.000Z',
          downtime_end: '',
          reason: 'no_stream_server',
        },
      ],
    });
  });
});
