import { describe, expect, it } from 'vitest';
import { buildPlaylist } from './playlist.js';
import {
  indexPath,
  parseRecordingPath,
  segmentPath,
  signedRecordingUrl,
  signedSegmentUri,
  streamServerBaseUrl,
} from './recording-urls.js';
import { checkSignature, internalResource, signInternalUrl, signingKey, signResource } from './signed-url.js';

const KEY = signingKey('internal-key-for-signed-url-tests-0123456789', 'recordings');
const CAMERA = '0b6f5a43-6d2e-4a86-9a43-0d52a4c0b111';
const REL = '2025-01-02/03/1735787045-m5abc-000001-002040000.ts';
const NOW = 1_735_787_000_000;

describe('signed recording URLs', () => {
  it('signs a path and expiry and accepts exactly that', () => {
    const path = segmentPath(CAMERA, REL);
    const expires = NOW / 1000 + 60;
    const { url, signature } = signedRecordingUrl('http://edge-1:8554/', path, KEY, expires);
    expect(url).toBe(`http://edge-1:8554${path}?expires=${expires}&signature=${signature}`);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(checkSignature(KEY, path, String(expires), signature, NOW)).toBe('ok');
  });

  it('refuses a tampered signature, path or expiry, an expired URL and a missing signature', () => {
    const path = segmentPath(CAMERA, REL);
    const expires = NOW / 1000 + 60;
    const signature = signResource(KEY, path, expires);
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    expect(checkSignature(KEY, path, String(expires), flipped, NOW)).toBe('invalid');
    expect(checkSignature(KEY, path.replace('000001', '000002'), String(expires), signature, NOW)).toBe('invalid');
    expect(checkSignature(KEY, path, String(expires + 3600), signature, NOW)).toBe('invalid');
    expect(checkSignature(KEY, path, String(expires), signature, (expires + 1) * 1000)).toBe('expired');
    expect(checkSignature(KEY, path, null, signature, NOW)).toBe('missing');
    expect(checkSignature(KEY, path, String(expires), null, NOW)).toBe('missing');
    expect(checkSignature(KEY, path, '1e12', signature, NOW)).toBe('invalid');
    // another purpose's key does not sign recordings
    const other = signingKey('internal-key-for-signed-url-tests-0123456789', 'engine-internal');
    expect(checkSignature(other, path, String(expires), signature, NOW)).toBe('invalid');
  });

  it('signs internal URLs over path and query, in order', () => {
    const url = new URL(`http://edge-1:8554/internal/recordings/${CAMERA}/segments?from_ms=1&to_ms=2`);
    const signed = signInternalUrl(url, KEY, NOW / 1000 + 60);
    expect(internalResource(signed)).toBe(`/internal/recordings/${CAMERA}/segments?from_ms=1&to_ms=2`);
    expect(
      checkSignature(
        KEY,
        internalResource(signed),
        signed.searchParams.get('expires'),
        signed.searchParams.get('signature'),
        NOW,
      ),
    ).toBe('ok');
    const changed = new URL(signed);
    changed.searchParams.set('to_ms', '3');
    expect(
      checkSignature(
        KEY,
        internalResource(changed),
        changed.searchParams.get('expires'),
        changed.searchParams.get('signature'),
        NOW,
      ),
    ).toBe('invalid');
  });

  it('parses the recordings paths it makes and nothing else', () => {
    expect(parseRecordingPath(segmentPath(CAMERA, REL))).toEqual({
      kind: 'segment',
      cameraId: CAMERA,
      relativePath: REL,
    });
    expect(parseRecordingPath(indexPath(CAMERA, 10, 20))).toEqual({
      kind: 'index',
      cameraId: CAMERA,
      fromSec: 10,
      toSec: 20,
    });
    for (const bad of [
      `/recordings/${CAMERA}/../../etc/passwd`,
      `/recordings/${CAMERA}/live.m3u8`,
      `/recordings/${CAMERA}/snapshot.jpg`,
      '/recordings/x/2025-01-02/03/a.mp4',
    ]) {
      expect(parseRecordingPath(bad)).toBeUndefined();
    }
  });

  it('writes playlists whose relative segment URIs carry the playlist expiry and their own signature', () => {
    const expires = NOW / 1000 + 60;
    const text = buildPlaylist(
      [{ startMs: 1_735_787_045_000, durationMs: 2040, runId: 'm5abc', sequence: 1, relativePath: REL }],
      {
        uri: (s) => signedSegmentUri(CAMERA, s.relativePath, KEY, expires),
      },
    );
    const uri = text.split('\n').find((l) => l.startsWith('../'))!;
    const resolved = new URL(uri, `http://edge-1:8554${indexPath(CAMERA, 1, 2)}?expires=${expires}&signature=x`);
    expect(resolved.pathname).toBe(segmentPath(CAMERA, REL));
    expect(
      checkSignature(
        KEY,
        resolved.pathname,
        resolved.searchParams.get('expires'),
        resolved.searchParams.get('signature'),
        NOW,
      ),
    ).toBe('ok');
  });

  it('reaches a stream server at its host', () => {
    expect(streamServerBaseUrl('edge-1:8554')).toBe('http://edge-1:8554');
    expect(streamServerBaseUrl('https://edge-1.example/')).toBe('https://edge-1.example');
    expect(streamServerBaseUrl(null)).toBeUndefined();
  });
});
