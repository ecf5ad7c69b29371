import { describe, expect, it } from 'vitest';
import { toFaceListInput, toRestFaceList } from './face-list.js';

describe('face lists', () => {
  it('maps the REST FaceList model with a lower-case priority and face_count', () => {
    expect(toRestFaceList({ id: 3, name: 'VIP', description: 'Guests', priority: 'HIGH', faceCount: 2 })).toEqual({
      name: 'VIP',
      description: 'Guests',
      priority: 'high',
      id: 3,
      face_count: 2,
    });
    expect(toRestFaceList({ id: 4, name: 'L', description: null, priority: null, faceCount: 0 })).toEqual({
      name: 'L',
      description: null,
      priority: null,
      id: 4,
      face_count: 0,
    });
  });

  it('builds FaceListInput: upper-case priority, what is left out null', () => {
    expect(toFaceListInput({ name: 'VIP', description: 'd', priority: 'medium' })).toEqual({
      name: 'VIP',
      description: 'd',
      priority: 'MEDIUM',
    });
    expect(toFaceListInput({ name: 'VIP' })).toEqual({ name: 'VIP', description: null, priority: null });
  });
});
