/** What GET /streams/{id}/info answers about a live source. */
export interface StreamInfo {
  /** Frames per second, rounded. */
  frameRate: number;
  /** Bits per second, measured over the sample. */
  bitRate: number;
  width: number;
  height: number;
  /** ffmpeg's codec name: h264, hevc, mjpeg… */
  codec: string;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  bit_rate?: string;
}
interface ProbePacket {
  pts_time?: string;
  dts_time?: string;
  size?: string;
}
export interface ProbeJson {
  streams?: ProbeStream[];
  packets?: ProbePacket[];
  format?: { duration?: string; format_name?: string };
}

/** Stream information from ffprobe's JSON (buildStreamInfoArgs); undefined when there is no video stream. */
export function parseStreamInfo(json: ProbeJson): StreamInfo | undefined {
  const stream = json.streams?.[0];
  if (!stream?.codec_name || !stream.width || !stream.height) return undefined;
  const packets = json.packets ?? [];
  const times = packets.map((p) => Number(p.pts_time ?? p.dts_time)).filter((t) => Number.isFinite(t));
  const rate = ratio(stream.r_frame_rate) ?? ratio(stream.avg_frame_rate) ?? measuredRate(times);
  const bytes = packets.reduce((sum, p) => sum + (Number(p.size) || 0), 0);
  let span = times.length > 1 ? Math.max(...times) - Math.min(...times) : 0;
  if (span > 0 && rate) span += 1 / rate; // the last packet lasts one frame
  const measured = span > 0 ? Math.round((bytes * 8) / span) : 0;
  return {
    frameRate: Math.round(rate ?? 0),
    bitRate: measured || Number(stream.bit_rate) || 0,
    width: stream.width,
    height: stream.height,
    codec: stream.codec_name,
  };
}

function ratio(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const [n, d] = text.split('/').map(Number);
  if (!n || !d || !Number.isFinite(n / d)) return undefined;
  const r = n / d;
  return r > 0 && r <= 1000 ? r : undefined; // 90000/1 and the like are time bases, not rates
}

function measuredRate(times: number[]): number | undefined {
  if (times.length < 2) return undefined;
  const span = Math.max(...times) - Math.min(...times);
  return span > 0 ? (times.length - 1) / span : undefined;
}
