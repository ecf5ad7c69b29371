import { InvalidRequestError, NotFoundError, PERMISSIONS, type AuditRecorder, type Viewer } from '@argus/core';
import { describe, expect, it, vi } from 'vitest';
import type { WatchlistRepository, WatchlistRow } from '../repositories/watchlist.repository.js';
import type { PlateRepository, PlateRow } from '../repositories/plate.repository.js';
import type { IdentityDirectory } from './identity-directory.js';
import { PlateService } from './plate.service.js';
import type { UploadChecker } from './upload-checker.js';
import { WatchlistService } from './watchlist.service.js';

/** What another request running at the same time leaves behind, as PostgreSQL reports it. */
const sqlError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

const viewer: Viewer = {
  userId: 1,
  organizationId: 5,
  isSuperuser: false,
  roleId: 1,
  permissions: PERMISSIONS,
  groupIds: [],
  tokenId: 't',
};
const LIST = {
  id: 3,
  organization_id: 5,
  name: 'Stolen',
  description: null,
  priority: null,
  created_at: new Date(),
  updated_at: new Date(),
} as WatchlistRow;
const PLATE = {
  id: 9,
  organization_id: 5,
  number: 'AB 1',
  number_normalized: 'AB1',
  vehicle_image_id: null,
} as PlateRow;

function services(lists: Partial<WatchlistRepository>, plates: Partial<PlateRepository> = {}) {
  const audit = { record: vi.fn(async () => undefined) } as unknown as AuditRecorder;
  const listRepo = {
    findById: async () => LIST,
    findByName: async () => undefined,
    memberCounts: async () => new Map(),
    hasMember: async () => false,
    ...lists,
  } as WatchlistRepository;
  const plateRepo = { findById: async () => PLATE, findByNumber: async () => undefined, ...plates } as PlateRepository;
  const uploads: UploadChecker = { exists: async () => true };
  return {
    audit,
    lists: new WatchlistService(
      { member: 'Plate', prefix: 'platelist', memberKey: 'plate_id', members: plateRepo },
      listRepo,
      {} as IdentityDirectory,
      audit,
    ),
    plates: new PlateService(plateRepo, {} as IdentityDirectory, uploads, audit),
  };
}

describe('plate rules overtaken by concurrent requests', () => {
  it('adding a plate to a list deleted meanwhile, or a plate deleted meanwhile, is a 404, not a crash', async () => {
    const s = services({
      addMember: async () => {
        throw sqlError('23503');
      },
    });
    await expect(s.lists.addMember(viewer, LIST.id, PLATE.id)).rejects.toEqual(
      new NotFoundError('Plate list or plate not found'),
    );
    expect(s.audit.record).not.toHaveBeenCalled();
  });

  it('adding a plate another request just added is a 400', async () => {
    const s = services({
      addMember: async () => {
        throw sqlError('23505');
      },
    });
    await expect(s.lists.addMember(viewer, LIST.id, PLATE.id)).rejects.toEqual(
      new InvalidRequestError('Plate is already in the plate list'),
    );
  });

  it('deleting a list a plate was just added to is a 400', async () => {
    const s = services({
      delete: async () => {
        throw sqlError('23503');
      },
    });
    await expect(s.lists.delete(viewer, LIST.id)).rejects.toEqual(new InvalidRequestError('Plate list has plates'));
    expect(s.audit.record).not.toHaveBeenCalled();
  });

  it('updating a list or a plate deleted meanwhile is a 404', async () => {
    const s = services({ update: async () => undefined }, { update: async () => undefined });
    await expect(s.lists.update(viewer, LIST.id, { name: 'Renamed' })).rejects.toEqual(
      new NotFoundError('Plate list not found'),
    );
    await expect(s.plates.update(viewer, PLATE.id, { number: 'AB 2' })).rejects.toEqual(
      new NotFoundError('Plate not found'),
    );
    expect(s.audit.record).not.toHaveBeenCalled();
  });

  it('other database errors pass through', async () => {
    const s = services({
      addMember: async () => {
        throw sqlError('57014');
      },
      delete: async () => {
        throw sqlError('57014');
      },
    });
    await expect(s.lists.addMember(viewer, LIST.id, PLATE.id)).rejects.toThrow('sqlstate 57014');
    await expect(s.lists.delete(viewer, LIST.id)).rejects.toThrow('sqlstate 57014');
  });
});
