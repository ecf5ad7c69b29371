import { sourceUrlWithCredentials, type CameraSource } from '../ffmpeg/camera-source.js';

/** ffprobe arguments that open the source and list its streams (POST /streams/verify). Pure. */
export function buildVerifyArgs(source: CameraSource, socketTimeoutMs: number): string[] {
  return [
    '-hide_banner',
    '-v',
    'error',
    ...rtspInput(source, socketTimeoutMs),
    '-show_entries',
    'stream=index,codec_type,codec_name',
    '-of',
    'json',
    sourceUrlWithCredentials(source),
  ];
}

/**
 * ffprobe arguments for stream information (GET /streams/{id}/info): the first video stream's
 * codec, size and frame rates, and the packets of `sampleSec` seconds to measure the bit rate
 * (RTSP sources do not announce one). Pure.
 */
export function buildStreamInfoArgs(source: CameraSource, socketTimeoutMs: number, sampleSec: number): string[] {
  return [
    '-hide_banner',
    '-v',
    'error',
    ...rtspInput(source, socketTimeoutMs),
    '-select_streams',
    'v:0',
    '-read_intervals',
    `%+${sampleSec}`,
    '-show_entries',
    'stream=codec_name,width,height,r_frame_rate,avg_frame_rate,bit_rate:packet=pts_time,dts_time,size',
    '-of',
    'json',
    sourceUrlWithCredentials(source),
  ];
}

/** ffprobe arguments describing a media file (duration, streams), for recorded segments and clips. Pure. */
export function buildFileProbeArgs(file: string): string[] {
  return [
    '-hide_banner',
    '-v',
    'error',
    '-show_entries',
    'format=duration,format_name:stream=codec_type,codec_name,width,height',
    '-of',
    'json',
    file,
  ];
}

function rtspInput(source: CameraSource, socketTimeoutMs: number): string[] {
  const isRtsp = /^rtsps?:/i.test(source.url);
  const transport = source.transport ?? 'tcp';
  const args: string[] = [];
  if (isRtsp && transport !== 'auto') args.push('-rtsp_transport', transport);
  if (isRtsp) args.push('-timeout', String(Math.max(1, Math.round(socketTimeoutMs * 1000))));
  return args;
}
