import { describe, expect, it } from 'vitest';
import { buildFileProbeArgs, buildStreamInfoArgs, buildVerifyArgs } from './ffprobe-args.js';

const source = { url: 'rtsp://cam:554/s', username: 'u', password: 'p w', transport: 'tcp' as const };

describe('ffprobe arguments', () => {
  it.each([
    [
      'verify over TCP with credentials and a socket timeout',
      buildVerifyArgs(source, 3000),
      [
        '-hide_banner',
        '-v',
        'error',
        '-rtsp_transport',
        'tcp',
        '-timeout',
        '3000000',
        '-show_entries',
        'stream=index,codec_type,codec_name',
        '-of',
        'json',
        'rtsp://u:p%20w@cam:554/s',
      ],
    ],
    [
      'verify with automatic transport',
      buildVerifyArgs({ url: 'rtsp://cam/s', transport: 'auto' }, 1000),
      [
        '-hide_banner',
        '-v',
        'error',
        '-timeout',
        '1000000',
        '-show_entries',
        'stream=index,codec_type,codec_name',
        '-of',
        'json',
        'rtsp://cam/s',
      ],
    ],
    [
      'stream info samples packets of the first video stream',
      buildStreamInfoArgs({ url: 'rtsp://cam/s', transport: 'udp' }, 5000, 3),
      [
        '-hide_banner',
        '-v',
        'error',
        '-rtsp_transport',
        'udp',
        '-timeout',
        '5000000',
        '-select_streams',
        'v:0',
        '-read_intervals',
        '%+3',
        '-show_entries',
        'stream=codec_name,width,height,r_frame_rate,avg_frame_rate,bit_rate:packet=pts_time,dts_time,size',
        '-of',
        'json',
        'rtsp://cam/s',
      ],
    ],
    [
      'a file',
      buildFileProbeArgs('/r/clip.mp4'),
      [
        '-hide_banner',
        '-v',
        'error',
        '-show_entries',
        'format=duration,format_name:stream=codec_type,codec_name,width,height',
        '-of',
        'json',
        '/r/clip.mp4',
      ],
    ],
  ])('%s', (_, args, expected) => {
    expect(args).toEqual(expected);
  });

  it('passes no RTSP options for other URLs', () => {
    expect(buildVerifyArgs({ url: 'http://cam/video.mjpg' }, 1000)).not.toContain('-rtsp_transport');
  });
});
