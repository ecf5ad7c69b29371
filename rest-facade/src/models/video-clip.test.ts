import { describe, expect, it } from 'vitest';
import { toGraphqlVideoClipStatus, toRestVideoClip, toRestVideoClipList, type GraphqlVideoClip } from './video-clip.js';

const running: GraphqlVideoClip = {
  id: '0b6f3c1e-4a9d-4e55-9a51-3f0f7f1f2a10',
  cameraId: '5a1e0c5e-9d0e-4c8e-8b59-2f3a7c1b9d21',
  cameraName: 'Gate',
  rangeStart: '2026-01-02T10:00:00.000Z',
  rangeEnd: '2026-01-02T10:00:05.000Z',
  status: 'RUNNING',
  progress: 0.42,
  resultUrl: null,
  createdAt: '2026-01-02T10:01:00.000Z',
  finishedAt: null,
};

describe('toRestVideoClip', () => {
  it('maps a running clip: no result yet, the status in lower case', () => {
    expect(toRestVideoClip(running)).toEqual({
      id: running.id,
      camera_id: running.cameraId,
      camera_name: 'Gate',
      range_start: running.rangeStart,
      range_end: running.rangeEnd,
      created_at: running.createdAt,
      finished_at: null,
      progress: 0.42,
      result: null,
      status: 'running',
    });
  });

  it('maps a done clip with its download URL', () => {
    const done = {
      ...running,
      status: 'DONE' as const,
      progress: 1,
      resultUrl: 'http://edge-1:8554/clips/x.mp4?expires=1&signature=s',
      finishedAt: '2026-01-02T10:01:03.000Z',
    };
    expect(toRestVideoClip(done)).toMatchObject({
      status: 'done',
      progress: 1,
      result: { url: done.resultUrl },
      finished_at: done.finishedAt,
    });
  });
});

describe('toRestVideoClipList', () => {
  it('answers every clip on one page', () => {
    expect(toRestVideoClipList([running])).toEqual({
      pagination: { cursor: null },
      videoclips: [toRestVideoClip(running)],
    });
    expect(toRestVideoClipList([])).toEqual({ pagination: { cursor: null }, videoclips: [] });
  });
});

describe('toGraphqlVideoClipStatus', () => {
  it('maps the REST status onto the GraphQL enum', () => {
    expect(toGraphqlVideoClipStatus('queued')).toBe('QUEUED');
    expect(toGraphqlVideoClipStatus(undefined)).toBeUndefined();
  });
});
