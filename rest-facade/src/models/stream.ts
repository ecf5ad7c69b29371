/** A stream's status as the getStream document selects it. */
export interface GraphqlStreamStatus {
  readonly status: string;
  readonly reason: string | null;
  readonly since: string | null;
  readonly streamServerId: string | null;
  readonly streamServerHost: string | null;
}

/** REST Stream (21.1): `ts` is the epoch second since which the status holds (0: never recorded); no server → "". */
export function toRestStream(s: GraphqlStreamStatus): {
  streamserver_id: string;
  streamserver_host: string;
  status: string;
  ts: number;
} {
  return {
    streamserver_id: s.streamServerId ?? '',
    streamserver_host: s.streamServerHost ?? '',
    status: s.status,
    ts: s.since ? Math.floor(Date.parse(s.since) / 1000) : 0,
  };
}

/** REST StreamInfo (21.2). */
export function toRestStreamInfo(i: {
  frameRate: number;
  bitRate: number;
  width: number;
  height: number;
  codec: string;
}) {
  return { frame_rate: i.frameRate, bit_rate: i.bitRate, frame_width: i.width, frame_height: i.height, codec: i.codec };
}

/** REST StreamVerifyResult (21.3). */
export function toRestStreamVerifyResult(v: { status: string }): { status: string } {
  return { status: v.status };
}
