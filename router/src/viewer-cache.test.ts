import { describe, expect, it } from 'vitest';
import type { Viewer } from '@argus/core';
import { ViewerCache } from './viewer-cache.js';
import { parseViewerChange } from './viewer-changes.js';

const viewer = (userId: number, roleId: number, tokenId: string): Viewer => ({
  userId,
  organizationId: 1,
  isSuperuser: false,
  roleId,
  permissions: ['user_me_read'],
  groupIds: [],
  tokenId,
});
const later = Date.now() + 60_000;

describe('ViewerCache', () => {
  it('drops the entries a change touches: the token, the user, the role, everything', () => {
    const cache = new ViewerCache();
    const fill = () => {
      cache.set('a', viewer(1, 10, 'a'), later, cache.mark());
      cache.set('b', viewer(1, 20, 'b'), later, cache.mark());
      cache.set('c', viewer(2, 20, 'c'), later, cache.mark());
    };
    fill();
    cache.apply(parseViewerChange('token:a'));
    expect([cache.get('a'), cache.get('b')?.userId, cache.get('c')?.userId]).toEqual([undefined, 1, 2]);
    cache.apply(parseViewerChange('user:1'));
    expect([cache.get('b'), cache.get('c')?.userId]).toEqual([undefined, 2]);
    fill();
    cache.apply(parseViewerChange('role:20'));
    expect([cache.get('a')?.userId, cache.get('b'), cache.get('c')]).toEqual([1, undefined, undefined]);
    fill();
    cache.apply(parseViewerChange('all'));
    expect(cache.size).toBe(0);
  });

  it('refuses an answer when a change touching it came while it was in flight, or the feed was lost', () => {
    const cache = new ViewerCache();
    const before = cache.mark();
    cache.apply(parseViewerChange('user:7'));
    expect(cache.set('x', viewer(7, 1, 'x'), later, before)).toBe(false);
    expect(cache.set('y', viewer(8, 1, 'y'), later, before)).toBe(true);
    const beforeLoss = cache.mark();
    cache.clear();
    expect(cache.set('z', viewer(9, 1, 'z'), later, beforeLoss)).toBe(false);
    expect(cache.get('y')).toBeUndefined();
  });

  it('forgets expired tokens and stays within its size', () => {
    const cache = new ViewerCache(2);
    cache.set('old', viewer(1, 1, 'old'), Date.now() - 1, cache.mark());
    expect(cache.get('old')).toBeUndefined();
    for (const id of ['p', 'q', 'r']) cache.set(id, viewer(1, 1, id), later, cache.mark());
    expect([cache.size, cache.get('p'), cache.get('r')?.tokenId]).toEqual([2, undefined, 'r']);
  });

  it('reads unknown notices as a change of everything', () => {
    expect(parseViewerChange('user:abc')).toEqual({ kind: 'all' });
    expect(parseViewerChange('something')).toEqual({ kind: 'all' });
    expect(parseViewerChange('token:0b6e')).toEqual({ kind: 'token', id: '0b6e' });
  });
});
