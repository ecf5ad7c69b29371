const b64 = (text: string) => Buffer.from(text).toString('base64url');

/**
 * Cursors a caller may send instead of one the server gave: not base64, numbers out of range,
 * wrong shapes, a NUL, very long ones. Each must be refused as bad input, never answered with a
 * 500 or a page of someone else's rows.
 */
export const TAMPERED_CURSORS: readonly string[] = [
  'WzFlMzA4XQ',
  '!!!not-base64!!!',
  b64('[99999999999999999999999999]'),
  b64('[-1]'),
  b64('["x",null]'),
  b64('{"id":1}'),
  b64('[1e308,"2026-01-01T00:00:00Z"]'),
  b64('\u0000'),
  b64(`[${'9'.repeat(400)}]`),
  'A'.repeat(4096),
  b64('null'),
];

export { b64 as base64url };
