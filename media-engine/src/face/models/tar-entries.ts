/** Reads regular files out of an (uncompressed) ustar / GNU tar archive, as npm tarballs are. */

const BLOCK = 512;

export interface TarEntry {
  path: string;
  data: Buffer;
}

function text(block: Buffer, offset: number, length: number): string {
  const raw = block.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? raw.length : end).toString('utf8');
}

function octal(block: Buffer, offset: number, length: number): number {
  const field = block.subarray(offset, offset + length);
  if (field[0]! & 0x80) {
    // base-256 (GNU) for sizes past 8 GiB
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const digits = text(block, offset, length).trim();
  return digits === '' ? 0 : Number.parseInt(digits, 8);
}

function checksumOk(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return sum === octal(header, 148, 8);
}

/** Regular files of the archive whose path `wanted` accepts (all by default). */
export function readTarEntries(archive: Buffer, wanted: (path: string) => boolean = () => true): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) throw new Error(`corrupt tar header at byte ${offset}`);
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]! || 48);
    const start = offset + BLOCK;
    if (start + size > archive.length) throw new Error('tar archive is truncated');
    const body = archive.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L') {
      longName = text(body, 0, body.length);
      continue;
    }
    if (type === 'x') {
      const match = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      paxPath = match?.[1];
      continue;
    }
    const prefix = text(header, 345, 155);
    const name = longName ?? paxPath ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = paxPath = undefined;
    if ((type === '0' || type === '7') && wanted(name)) entries.push({ path: name, data: Buffer.from(body) });
  }
  return entries;
}
