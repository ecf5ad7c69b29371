import { describe, expect, it } from 'vitest';
import { toGroupInput, toRestGroup } from './group.js';

describe('toRestGroup', () => {
  it('maps the REST Group model, organization_name and place_count included', () => {
    expect(
      toRestGroup({
        id: 4,
        name: 'Guards',
        description: 'Front desk',
        isInternal: false,
        organizationId: 2,
        organization: { name: 'Acme' },
        userCount: 3,
        placeCount: 6,
      }),
    ).toEqual({
      name: 'Guards',
      description: 'Front desk',
      id: 4,
      organization_id: 2,
      organization_name: 'Acme',
      is_internal: false,
      user_count: 3,
      place_count: 6,
    });
  });

  it('builds GroupInput', () => {
    expect(toGroupInput({ name: 'n', description: 'd' })).toEqual({ name: 'n', description: 'd' });
  });
});
