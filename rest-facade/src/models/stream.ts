import type { GetStreamInfoQuery, GetStreamQuery, VerifyStreamQuery } from '../graphql/generated/operations.js';
import type { RestSchema } from './rest.js';

/** A stream's status as the getStream document selects it. */
export type GraphqlStreamStatus = NonNullable<GetStreamQuery['stream']>;

/** A stream's properties as the getStreamInfo document selects them. */
export type GraphqlStreamInfo = GetStreamInfoQuery['streamInfo'];

/** REST Stream (21.1): `ts` is the epoch second since which the status holds (0: never recorded); no server → "". */
export function toRestStream(s: GraphqlStreamStatus): RestSchema<'Stream'> {
  return {
    streamserver_id: s.streamServerId ?? '',
    streamserver_host: s.streamServerHost ?? '',
    status: s.status,
    ts: s.since ? Math.floor(Date.parse(s.since) / 1000) : 0,
  };
}

/** REST StreamInfo (21.2). */
export function toRestStreamInfo(i: GraphqlStreamInfo): RestSchema<'StreamInfo'> {
  return { frame_rate: i.frameRate, bit_rate: i.bitRate, frame_width: i.width, frame_height: i.height, codec: i.codec };
}

/** REST StreamVerifyResult (21.3). */
export function toRestStreamVerifyResult(v: VerifyStreamQuery['verifyStream']): RestSchema<'StreamVerifyResult'> {
  return { status: v.status };
}
