import { describe, expect, it } from 'vitest';
import { camerasOwnedBy, ownerOf, serverMatches, type SchedulableServer } from './rendezvous.js';
import type { ScheduledCamera } from './scheduled-camera.js';

const camera = (id: string, schedulerGroup: string | null = null, schedulerTags: string[] = []): ScheduledCamera => ({
  id,
  source: { url: 'rtsp://cam.test/stream' },
  schedulerGroup,
  schedulerTags,
  recording: false,
});
const server = (id: string, group: string | null = null, tags: string[] = []): SchedulableServer => ({
  id,
  group,
  tags,
});
const cameras = Array.from({ length: 2000 }, (_, i) =>
  camera(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
);

describe('serverMatches', () => {
  it.each([
    ['no group, no tags on both', camera('c'), server('s'), true],
    ['same group', camera('c', 'north'), server('s', 'north'), true],
    ['another group', camera('c', 'north'), server('s', 'south'), false],
    ['camera in a group, server in none', camera('c', 'north'), server('s'), false],
    ['camera in no group, server in one', camera('c'), server('s', 'north'), false],
    [
      'server carries every camera tag and more',
      camera('c', null, ['gpu', 'lpr']),
      server('s', null, ['lpr', 'gpu', 'ssd']),
      true,
    ],
    ['server lacks one camera tag', camera('c', null, ['gpu', 'lpr']), server('s', null, ['gpu']), false],
    ['camera without tags on a tagged server', camera('c', 'g'), server('s', 'g', ['gpu']), true],
  ])('%s', (_, c, s, expected) => {
    expect(serverMatches(c, s)).toBe(expected);
  });
});

describe('ownerOf (rendezvous hashing)', () => {
  const servers = [server('a'), server('b'), server('c'), server('d')];

  it('is deterministic and independent of the order of the server list', () => {
    for (const c of cameras.slice(0, 200)) {
      expect(ownerOf(c, servers)).toBe(ownerOf(c, [...servers].reverse()));
    }
  });

  it('only picks matching servers, and nobody when none matches', () => {
    const mixed = [server('a', 'north'), server('b', 'north', ['gpu']), server('c', 'south', ['gpu'])];
    for (const c of cameras.slice(0, 50)) {
      expect(ownerOf({ ...c, schedulerGroup: 'north', schedulerTags: ['gpu'] }, mixed)).toBe('b');
      expect(['a', 'b']).toContain(ownerOf({ ...c, schedulerGroup: 'north' }, mixed));
      expect(ownerOf({ ...c, schedulerGroup: 'north', schedulerTags: ['tpu'] }, mixed)).toBeUndefined();
      expect(ownerOf(c, mixed)).toBeUndefined();
    }
  });

  it('spreads cameras evenly', () => {
    const counts = servers.map((s) => camerasOwnedBy(s.id, cameras, servers).length);
    expect(counts.reduce((a, b) => a + b)).toBe(cameras.length);
    for (const count of counts)
      expect(Math.abs(count - cameras.length / servers.length)).toBeLessThan(cameras.length * 0.05);
  });

  it('moves only the cameras the joining server takes, and only those of a leaving server', () => {
    const joined = [...servers, server('e')];
    const left = servers.filter((s) => s.id !== 'b');
    let moved = 0;
    for (const c of cameras) {
      const before = ownerOf(c, servers);
      const afterJoin = ownerOf(c, joined);
      if (afterJoin !== before) {
        expect(afterJoin).toBe('e');
        moved += 1;
      }
      if (before !== 'b') expect(ownerOf(c, left)).toBe(before);
    }
    expect(Math.abs(moved - cameras.length / 5)).toBeLessThan(cameras.length * 0.05);
  });
});
