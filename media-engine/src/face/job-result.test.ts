import { describe, expect, it } from 'vitest';
import { failed, runJob, skipped, success } from './job-result.js';

describe('runJob', () => {
  it('passes results through', async () => {
    expect(await runJob('x', () => success(1))).toEqual({ status: 'success', value: 1 });
    expect(await runJob('x', async () => skipped('no face'))).toEqual({ status: 'skipped', reason: 'no face' });
    expect(await runJob('x', () => failed('bad'))).toEqual({ status: 'failed', reason: 'bad' });
  });

  it('turns a throw into a failed result named after the job', async () => {
    expect(
      await runJob('embed', () => {
        throw new Error('boom');
      }),
    ).toEqual({ status: 'failed', reason: 'embed: boom' });
    expect(await runJob('detect', () => Promise.reject('odd'))).toEqual({ status: 'failed', reason: 'detect: odd' });
  });
});
