import { describe, expect, it } from 'vitest';
import { toRestList, toRestPage } from './pagination.js';

describe('cursor pagination', () => {
  it('gives the end cursor while more pages follow', () => {
    expect(
      toRestPage(
        'users',
        { nodes: [{ n: 1 }, { n: 2 }], pageInfo: { endCursor: 'abc', hasNextPage: true } },
        (x) => x.n,
      ),
    ).toEqual({ pagination: { cursor: 'abc' }, users: [1, 2] });
  });

  it('gives a null cursor on the last page, whatever endCursor says', () => {
    expect(toRestPage('groups', { nodes: [], pageInfo: { endCursor: 'abc', hasNextPage: false } }, (x) => x)).toEqual({
      pagination: { cursor: null },
      groups: [],
    });
    expect(
      toRestPage('groups', { nodes: [], pageInfo: { endCursor: null, hasNextPage: false } }, (x) => x).pagination,
    ).toEqual({ cursor: null });
  });

  it('lists without pagination where the spec has none', () => {
    expect(toRestList('members', [{ n: 1 }], (x) => x.n)).toEqual({ members: [1] });
  });
});
