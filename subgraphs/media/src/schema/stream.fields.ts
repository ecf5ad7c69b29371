import { builder } from './builder.js';
import { StreamDowntime } from './stream-downtime.type.js';
import { StreamSourceInfo } from './stream-source-info.type.js';
import { StreamStatus } from './stream-status.type.js';
import { StreamUptime } from './stream-uptime.type.js';
import { StreamVerification } from './stream-verification.type.js';

builder.queryFields((t) => ({
  stream: t.field({ type: StreamStatus, nullable: true, description: 'A camera\'s stream now (stream_read); null when the camera is not visible', args: { cameraId: t.arg.id({ required: true }) }, resolve: (_, { cameraId }, ctx) => ctx.services.streams.stream(ctx.viewer, String(cameraId)) }),
  streamInfo: t.field({ type: StreamSourceInfo, description: 'Probes the camera\'s source now (stream_read)', args: { cameraId: t.arg.id({ required: true }) }, resolve: (_, { cameraId }, ctx) => ctx.services.streams.info(ctx.viewer, String(cameraId)) }),
  verifyStream: t.field({ type: StreamVerification, description: 'Whether an RTSP link plays video, within 8 s (stream_read)', args: { rtspLink: t.arg.string({ required: true }) }, resolve: (_, { rtspLink }, ctx) => ctx.services.streams.verify(ctx.viewer, rtspLink) }),
  streamStatusSummary: t.field({ type: [StreamUptime], description: 'Uptime of every visible camera\'s stream (streamstatus_read)', resolve: (_, __, ctx) => ctx.services.streams.summary(ctx.viewer) }),
  streamDowntimes: t.field({ type: [StreamDowntime], nullable: true, description: 'Offline periods of a camera\'s stream, oldest first (streamstatus_read); null when not visible', args: { cameraId: t.arg.id({ required: true }) }, resolve: (_, { cameraId }, ctx) => ctx.services.streams.downtimes(ctx.viewer, String(cameraId)) }),
}));
