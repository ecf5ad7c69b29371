/**
 * The type of content from its first bytes (magic numbers), never from a file name or a
 * client's Content-Type: a text file named photo.jpg is text.
 */

/** How many leading bytes sniffing needs. */
export const SNIFF_BYTES = 16;

interface Signature {
  readonly mimeType: string;
  readonly matches: (head: Uint8Array) => boolean;
}

const ascii = (head: Uint8Array, offset: number, text: string) =>
  head.length >= offset + text.length && [...text].every((c, i) => head[offset + i] === c.charCodeAt(0));

const bytes = (head: Uint8Array, offset: number, expected: readonly number[]) =>
  head.length >= offset + expected.length && expected.every((b, i) => head[offset + i] === b);

const SIGNATURES: readonly Signature[] = [
  { mimeType: 'image/jpeg', matches: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]) },
  { mimeType: 'image/png', matches: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mimeType: 'image/gif', matches: (h) => ascii(h, 0, 'GIF87a') || ascii(h, 0, 'GIF89a') },
  { mimeType: 'image/webp', matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'WEBP') },
  { mimeType: 'image/bmp', matches: (h) => ascii(h, 0, 'BM') && h.length >= 14 && bytes(h, 6, [0, 0, 0, 0]) },
  {
    mimeType: 'image/tiff',
    matches: (h) => bytes(h, 0, [0x49, 0x49, 0x2a, 0x00]) || bytes(h, 0, [0x4d, 0x4d, 0x00, 0x2a]),
  },
];

/** The MIME type the leading bytes announce, or undefined when they match no known format. */
export function sniffContentType(head: Uint8Array): string | undefined {
  return SIGNATURES.find((s) => s.matches(head))?.mimeType;
}
