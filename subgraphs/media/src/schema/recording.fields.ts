import { builder } from './builder.js';
import { RecordedSegment } from './recorded-segment.type.js';
import { SegmentIndex } from './segment-index.type.js';

builder.queryFields((t) => ({
  segments: t.field({
    type: [RecordedSegment],
    description: 'Recorded segments of a camera overlapping [from, to), in time order, with signed URLs (permission segment_read)',
    args: { cameraId: t.arg.id({ required: true }), from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
    resolve: (_, { cameraId, from, to }, ctx) => ctx.services.recordings.segments(ctx.viewer, String(cameraId), from, to),
  }),
  segmentsIndex: t.field({
    type: SegmentIndex,
    nullable: true,
    description: 'A signed HLS playlist of a camera\'s recording over [from, to) (default: everything until now); null when nothing is recorded there (permission segment_read)',
    args: { cameraId: t.arg.id({ required: true }), from: t.arg({ type: 'DateTime' }), to: t.arg({ type: 'DateTime' }) },
    resolve: (_, { cameraId, from, to }, ctx) => ctx.services.recordings.segmentsIndex(ctx.viewer, String(cameraId), from, to),
  }),
}));
