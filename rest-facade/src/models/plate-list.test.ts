import { describe, expect, it } from 'vitest';
import { toPlateListInput, toRestPlateList } from './plate-list.js';

describe('plate lists', () => {
  it('maps the REST PlateList model with a lower-case priority and plate_count', () => {
    expect(
      toRestPlateList({ id: 3, name: 'Stolen', description: 'Police list', priority: 'HIGH', plateCount: 12 }),
    ).toEqual({
      name: 'Stolen',
      description: 'Police list',
      priority: 'high',
      id: 3,
      plate_count: 12,
    });
    expect(toRestPlateList({ id: 3, name: 'Guests', description: null, priority: null, plateCount: 0 })).toEqual({
      name: 'Guests',
      description: null,
      priority: null,
      id: 3,
      plate_count: 0,
    });
    // an answer without the optional fields at all reads as null
    const bare = { id: 3, name: 'Staff', plateCount: 1 } as unknown as Parameters<typeof toRestPlateList>[0];
    expect(toRestPlateList(bare)).toMatchObject({ description: null, priority: null });
  });

  it('builds PlateListInput with the GraphQL priority enum; absent fields are null', () => {
    expect(toPlateListInput({ name: 'Stolen', description: 'd', priority: 'medium' })).toEqual({
      name: 'Stolen',
      description: 'd',
      priority: 'MEDIUM',
    });
    expect(toPlateListInput({ name: 'Stolen', priority: null })).toEqual({
      name: 'Stolen',
      description: null,
      priority: null,
    });
    expect(toPlateListInput({ name: 'Stolen' })).toEqual({ name: 'Stolen', description: null, priority: null });
  });
});
