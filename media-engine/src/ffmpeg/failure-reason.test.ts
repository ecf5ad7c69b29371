import { describe, expect, it } from 'vitest';
import { classifyFailure } from './failure-reason.js';

describe('classifyFailure', () => {
  it.each([
    [
      [
        '[rtsp @ 0x1] method DESCRIBE failed: 401 Unauthorized',
        'rtsp://***:***@h/s: Server returned 401 Unauthorized (authorization failed)',
      ],
      'unauthorized',
    ],
    [['rtsp://h/s: Server returned 403 Forbidden (access denied)'], 'unauthorized'],
    [
      [
        '[tcp @ 0x1] Connection to tcp://127.0.0.1:1?timeout=0 failed: Connection refused',
        'rtsp://127.0.0.1:1/x: Connection refused',
      ],
      'unreachable',
    ],
    [['[tcp @ 0x1] Failed to resolve hostname cam.invalid: Name or service not known'], 'unreachable'],
    [['[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found'], 'unreachable'],
    [['rtsp://h/s: Connection timed out'], 'unreachable'],
    [["Stream map '0:v:0' matches no streams.", "To ignore this, add a trailing '?' to the map."], 'no_video'],
    [['Output file #0 does not contain any stream'], 'no_video'],
  ])('%j → %s', (lines, reason) => {
    expect(classifyFailure(lines)?.reason).toBe(reason);
  });

  it('prefers unauthorized over the generic lines around it, and says which line decided', () => {
    const r = classifyFailure(['Server returned 401 Unauthorized', 'Input/output error']);
    expect(r).toEqual({ reason: 'unauthorized', line: 'Server returned 401 Unauthorized' });
  });

  it('is undefined for nothing recognisable', () => {
    expect(classifyFailure([])).toBeUndefined();
    expect(classifyFailure(['Non-monotonous DTS in output stream 0:0'])).toBeUndefined();
  });
});
