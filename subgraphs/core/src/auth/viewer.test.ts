import { describe, expect, it } from 'vitest';
import { withPermission, type Viewer } from './viewer.js';

const viewer: Viewer = { userId: 7, organizationId: 3, isSuperuser: false, roleId: 2, permissions: ['segment_read'], groupIds: [5], tokenId: 't' };

describe('withPermission', () => {
  it('adds the permission and keeps everything else of the caller', () => {
    expect(withPermission(viewer, 'camera_read')).toEqual({ ...viewer, permissions: ['segment_read', 'camera_read'] });
    expect(viewer.permissions).toEqual(['segment_read']);
  });

  it('answers the caller unchanged when they hold it already', () => {
    expect(withPermission(viewer, 'segment_read')).toBe(viewer);
  });
});
