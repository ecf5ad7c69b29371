import { describe, expect, it } from 'vitest';
import { parseStreamInfo } from './stream-info.js';

const packets = (count: number, fps: number, size: number) =>
  Array.from({ length: count }, (_, i) => ({ pts_time: (i / fps).toFixed(6), size: String(size) }));

describe('parseStreamInfo', () => {
  it('takes codec, size and rate from the stream and measures the bit rate over the packets', () => {
    const info = parseStreamInfo({
      streams: [{ codec_name: 'h264', width: 1920, height: 1080, r_frame_rate: '25/1', avg_frame_rate: '25/1' }],
      packets: packets(50, 25, 10_000), // 50 frames of 10 kB = 2 s at 25 fps
    });
    expect(info).toEqual({ frameRate: 25, bitRate: 2_000_000, width: 1920, height: 1080, codec: 'h264' });
  });

  it('rounds fractional rates, ignores time-base-like rates and falls back on measuring', () => {
    expect(
      parseStreamInfo({
        streams: [{ codec_name: 'hevc', width: 640, height: 480, r_frame_rate: '30000/1001' }],
        packets: packets(30, 30, 100),
      })?.frameRate,
    ).toBe(30);
    expect(
      parseStreamInfo({
        streams: [{ codec_name: 'h264', width: 640, height: 480, r_frame_rate: '90000/1', avg_frame_rate: '0/0' }],
        packets: packets(21, 10, 100),
      })?.frameRate,
    ).toBe(10);
  });

  it('uses the announced bit rate when there are no packets', () => {
    expect(
      parseStreamInfo({
        streams: [{ codec_name: 'h264', width: 2, height: 2, r_frame_rate: '5/1', bit_rate: '64000' }],
      })?.bitRate,
    ).toBe(64000);
  });

  it('is undefined without a video stream', () => {
    expect(parseStreamInfo({ streams: [] })).toBeUndefined();
    expect(parseStreamInfo({})).toBeUndefined();
  });
});
