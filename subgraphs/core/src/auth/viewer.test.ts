import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../errors.js';
import { visibleReference, withPermission, type Viewer } from './viewer.js';

const viewer: Viewer = {
  userId: 7,
  organizationId: 3,
  isSuperuser: false,
  roleId: 2,
  permissions: ['segment_read'],
  groupIds: [5],
  tokenId: 't',
};

describe('withPermission', () => {
  it('adds the permission and keeps everything else of the caller', () => {
    expect(withPermission(viewer, 'camera_read')).toEqual({ ...viewer, permissions: ['segment_read', 'camera_read'] });
    expect(viewer.permissions).toEqual(['segment_read']);
  });

  it('answers the caller unchanged when they hold it already', () => {
    expect(withPermission(viewer, 'segment_read')).toBe(viewer);
  });
});

describe('visibleReference', () => {
  const row = { id: 1, organization_id: 3 };
  const orgOf = (r: typeof row) => r.organization_id;

  it('answers the row to a caller of its organization holding the permission', () => {
    expect(visibleReference(viewer, 'segment_read', row, orgOf)).toBe(row);
  });

  it("answers null without the permission, for another organization's row or no row", () => {
    expect(visibleReference(viewer, 'camera_read', row, orgOf)).toBeNull();
    expect(visibleReference(viewer, 'segment_read', { id: 2, organization_id: 4 }, orgOf)).toBeNull();
    expect(visibleReference(viewer, 'segment_read', undefined, orgOf)).toBeNull();
  });

  it('lets a superuser see every organization, and refuses no caller', () => {
    expect(
      visibleReference(
        { ...viewer, isSuperuser: true, permissions: [] },
        'camera_read',
        { id: 2, organization_id: 4 },
        orgOf,
      ),
    ).toEqual({ id: 2, organization_id: 4 });
    expect(() => visibleReference(undefined, 'camera_read', row, orgOf)).toThrow(UnauthenticatedError);
  });
});
