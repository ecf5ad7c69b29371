import { describe, expect, it } from 'vitest';
import { restResponseOfErrors } from './error-mapping.js';

describe('restResponseOfErrors with an operation-specific status', () => {
  it('answers 404 with the status a NOT_FOUND error carries (videoclip_camera_not_found), not_found without one', () => {
    expect(
      restResponseOfErrors([
        { message: 'Camera x not found', extensions: { code: 'NOT_FOUND', status: 'videoclip_camera_not_found' } },
      ]),
    ).toEqual({
      status: 404,
      body: { status: 'videoclip_camera_not_found', status_code: 404, detail: 'Camera x not found' },
    });
    expect(
      restResponseOfErrors([{ message: 'Plan not found', extensions: { code: 'NOT_FOUND' } }])?.body,
    ).toMatchObject({ status: 'not_found' });
  });

  it('answers 429 for TOO_MANY_REQUESTS with its status', () => {
    expect(
      restResponseOfErrors([
        { message: 'At most 5', extensions: { code: 'TOO_MANY_REQUESTS', status: 'videoclip_user_quota_exceeded' } },
      ]),
    ).toEqual({
      status: 429,
      body: { status: 'videoclip_user_quota_exceeded', status_code: 429, detail: 'At most 5' },
    });
  });

  it('answers 400 with videoclip_invalid_time_range', () => {
    expect(
      restResponseOfErrors([
        {
          message: 'Nothing recorded',
          extensions: { code: 'INVALID_REQUEST', status: 'videoclip_invalid_time_range' },
        },
      ])?.body,
    ).toMatchObject({ status: 'videoclip_invalid_time_range', status_code: 400 });
  });
});
