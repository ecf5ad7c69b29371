import { describe, expect, it } from 'vitest';
import { toPlaceInput, toRestPlace } from './place.js';

describe('toRestPlace', () => {
  it('maps the REST Place model with its counts', () => {
    expect(
      toRestPlace({
        id: 3,
        name: 'Depot',
        description: 'North gate',
        latitude: 52.52,
        longitude: 13.405,
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-02T00:00:00.000Z',
        planCount: 2,
        cameraCount: 5,
      }),
    ).toEqual({
      name: 'Depot',
      description: 'North gate',
      latitude: 52.52,
      longitude: 13.405,
      id: 3,
      created_at: '2024-01-01T00:00:00.000Z',
      updated_at: '2024-01-02T00:00:00.000Z',
      plan_count: 2,
      camera_count: 5,
    });
  });

  it('keeps absent description and coordinates as null', () => {
    const place = toRestPlace({
      id: 1,
      name: 'P',
      description: null,
      latitude: null,
      longitude: null,
      createdAt: 'c',
      updatedAt: 'u',
      planCount: 0,
      cameraCount: 0,
    });
    expect(place).toMatchObject({ description: null, latitude: null, longitude: null });
  });
});

describe('toPlaceInput', () => {
  it('builds PlaceInput, absent fields as null', () => {
    expect(toPlaceInput({ name: 'P' })).toEqual({ name: 'P', description: null, latitude: null, longitude: null });
    expect(toPlaceInput({ name: 'P', description: 'd', latitude: 1.5, longitude: -2 })).toEqual({
      name: 'P',
      description: 'd',
      latitude: 1.5,
      longitude: -2,
    });
  });
});
