import { describe, expect, it } from 'vitest';
import { sourceSecrets, sourceUrlWithCredentials, toCameraSource } from './camera-source.js';
import { redactText } from './redaction.js';

describe('sourceUrlWithCredentials', () => {
  it.each([
    ['plain', { url: 'rtsp://cam:554/s', username: 'u', password: 'p' }, 'rtsp://u:p@cam:554/s'],
    ['encoded', { url: 'rtsp://cam/s', username: 'a@b', password: 'p:@/#?' }, 'rtsp://a%40b:p%3A%40%2F%23%3F@cam/s'],
    ['username only', { url: 'rtsp://cam/s', username: 'viewer', password: null }, 'rtsp://viewer@cam/s'],
    ['no username', { url: 'rtsp://cam/s', username: null, password: 'p' }, 'rtsp://cam/s'],
    ['already in the URL', { url: 'rtsp://x:y@cam/s', username: 'u', password: 'p' }, 'rtsp://x:y@cam/s'],
    [
      'query kept',
      { url: 'rtsps://cam:322/cam/realmonitor?channel=1&subtype=0', username: 'u', password: 'p' },
      'rtsps://u:p@cam:322/cam/realmonitor?channel=1&subtype=0',
    ],
    ['@ in the path is not userinfo', { url: 'rtsp://cam/a@b', username: 'u', password: 'p' }, 'rtsp://u:p@cam/a@b'],
  ])('%s', (_, source, expected) => {
    expect(sourceUrlWithCredentials(source)).toBe(expected);
  });

  it('lists the password raw and encoded as secrets', () => {
    expect(sourceSecrets({ url: 'rtsp://cam', password: 'a b' })).toEqual(['a b', 'a%20b']);
    expect(sourceSecrets({ url: 'rtsp://cam' })).toEqual([]);
  });

  it('takes a bare link as a TCP source', () => {
    expect(toCameraSource('rtsp://cam/s')).toEqual({ url: 'rtsp://cam/s', transport: 'tcp' });
  });
});

describe('redactText', () => {
  it('removes URL credentials and known secrets, but not short ones', () => {
    expect(redactText('open rtsp://admin:hunter22@cam/s failed')).toBe('open rtsp://***:***@cam/s failed');
    expect(redactText('password hunter22 leaked', ['hunter22'])).toBe('password *** leaked');
    expect(redactText('frame 123', ['123'])).toBe('frame 123');
  });
});
