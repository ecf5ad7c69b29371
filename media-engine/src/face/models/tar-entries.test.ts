import { describe, expect, it } from 'vitest';
import { readTarEntries } from './tar-entries.js';

function header(name: string, size: number, type = '0', prefix = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(type, 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write(prefix, 345, 155, 'utf8');
  h.fill(32, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function entry(name: string, content: string | Buffer, type = '0', prefix = ''): Buffer {
  const body = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
  body.copy(padded);
  return Buffer.concat([header(name, body.length, type, prefix), padded]);
}

const end = Buffer.alloc(1024);

describe('readTarEntries', () => {
  it('reads regular files and skips directories', () => {
    const archive = Buffer.concat([
      entry('package/', '', '5'),
      entry('package/a.txt', 'hello'),
      entry('package/model/b.onnx', Buffer.alloc(700, 7)),
      end,
    ]);
    const entries = readTarEntries(archive);
    expect(entries.map((e) => e.path)).toEqual(['package/a.txt', 'package/model/b.onnx']);
    expect(entries[0]!.data.toString()).toBe('hello');
    expect(entries[1]!.data).toEqual(Buffer.alloc(700, 7));
  });

  it('keeps only wanted paths and joins the ustar prefix', () => {
    const archive = Buffer.concat([entry('x.onnx', 'x', '0', 'package/model'), entry('package/y.js', 'y'), end]);
    const entries = readTarEntries(archive, (p) => p.endsWith('.onnx'));
    expect(entries.map((e) => e.path)).toEqual(['package/model/x.onnx']);
  });

  it('uses GNU long names', () => {
    const long = `package/${'d'.repeat(120)}/file.onnx`;
    const archive = Buffer.concat([entry('././@LongLink', `${long}\0`, 'L'), entry('short', 'data'), end]);
    expect(readTarEntries(archive)[0]!.path).toBe(long);
  });

  it('fails on a corrupt header or a truncated archive', () => {
    const good = entry('package/a.txt', 'hello');
    const corrupt = Buffer.from(good);
    corrupt[0] = 'X'.charCodeAt(0);
    expect(() => readTarEntries(corrupt)).toThrow(/corrupt tar header/);
    const big = entry('package/big', Buffer.alloc(2000));
    expect(() => readTarEntries(big.subarray(0, 1024))).toThrow(/truncated/);
  });
});
