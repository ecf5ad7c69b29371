import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeUploadedFile, RequestAbortedError } from './multipart.js';

const LIMIT = 1024;
let server: Server;
let url: string;
/** what the last consumer saw and how the last request ended */
let seen: { bytes: number; failed?: string } = { bytes: 0 };
let outcome: Promise<string> = Promise.resolve('');

/** Consumers by path: read everything, or give up after the first chunk. */
const consumers: Record<string, (file: AsyncIterable<Uint8Array>) => Promise<number>> = {
  '/read': async (file) => {
    for await (const chunk of file) seen.bytes += chunk.length;
    return seen.bytes;
  },
  '/give-up': async (file) => {
    for await (const chunk of file) {
      seen.bytes += chunk.length;
      throw new Error('consumer refused');
    }
    return 0;
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    seen = { bytes: 0 };
    const consume = consumers[req.url!]!;
    outcome = consumeUploadedFile(req, LIMIT, async (file) => {
      try {
        return await consume(file);
      } catch (error) {
        seen.failed = (error as Error).message;
        throw error;
      }
    }).then(
      (size) => `ok ${size}`,
      (error: Error) => `${error.constructor.name}: ${error.message}`,
    );
    void outcome.then((text) => res.writeHead(200).end(text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function form(parts: { name: string; file?: Uint8Array; value?: string }[]): FormData {
  const data = new FormData();
  for (const part of parts) {
    if (part.file) data.append(part.name, new Blob([new Uint8Array(part.file)]), 'photo.jpg');
    else data.append(part.name, part.value!);
  }
  return data;
}

async function post(path: string, body: BodyInit, headers?: Record<string, string>): Promise<string> {
  return (await fetch(url + path, { method: 'POST', body, headers })).text();
}

describe('consumeUploadedFile', () => {
  it('streams upload_data to the consumer and skips other parts', async () => {
    const body = form([
      { name: 'note', value: 'hello' },
      { name: 'other', file: new Uint8Array(300) },
      { name: 'upload_data', file: new Uint8Array(LIMIT) },
    ]);
    expect(await post('/read', body)).toBe(`ok ${LIMIT}`);
  });

  it('cuts the file one byte past the limit and still reads the whole request', async () => {
    expect(await post('/read', form([{ name: 'upload_data', file: new Uint8Array(LIMIT * 50) }]))).toBe(
      `ok ${LIMIT + 1}`,
    );
  });

  it('drains what a consumer that gives up leaves unread', async () => {
    const answer = await post('/give-up', form([{ name: 'upload_data', file: new Uint8Array(LIMIT * 50) }]));
    expect(answer).toBe('Error: consumer refused');
  });

  it('hands over only the first upload_data file', async () => {
    const body = form([
      { name: 'upload_data', file: new Uint8Array(10) },
      { name: 'upload_data', file: new Uint8Array(20) },
    ]);
    expect(await post('/read', body)).toBe('ok 10');
  });

  it('answers a missing upload_data field as a missing body field', async () => {
    expect(await post('/read', form([{ name: 'note', value: 'no file' }]))).toBe(
      'InputValidationError: field required',
    );
  });

  it('refuses bodies that are not multipart/form-data', async () => {
    expect(await post('/read', 'plain', { 'content-type': 'text/plain' })).toBe(
      'InvalidRequestError: Expected a multipart/form-data body',
    );
    expect(await post('/read', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' })).toBe(
      'InvalidRequestError: Expected a multipart/form-data body',
    );
  });

  it('refuses a body that ends inside a part', async () => {
    const body =
      '--XX\r\ncontent-disposition: form-data; name="upload_data"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\npartial content';
    const answer = await post('/read', body, { 'content-type': 'multipart/form-data; boundary=XX' });
    expect(answer).toBe('InvalidRequestError: Malformed multipart/form-data body');
    expect(seen.failed).toBeDefined();
  });

  it('answers every truncation of a valid body as malformed or incomplete, and never crashes', async () => {
    const body = [
      '--XX\r\ncontent-disposition: form-data; name="note"\r\n\r\nhello',
      '\r\n--XX\r\ncontent-disposition: form-data; name="other"; filename="b.jpg"\r\n\r\nskipped bytes',
      '\r\n--XX\r\ncontent-disposition: form-data; name="upload_data"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n0123456789',
      '\r\n--XX--\r\n',
    ].join('');
    const closing = body.lastIndexOf('\r\n--XX--');
    const headers = { 'content-type': 'multipart/form-data; boundary=XX' };
    expect(await post('/read', body, headers)).toBe('ok 10');
    for (const consumer of ['/read', '/give-up']) {
      for (let length = 0; length < body.length; length += 1) {
        const answer = await post(consumer, body.slice(0, length), headers);
        const allowed = [
          'InvalidRequestError: Malformed multipart/form-data body',
          'InputValidationError: field required',
          'Error: consumer refused',
        ];
        if (length >= closing + 6) allowed.push('ok 10');
        expect(allowed, `${consumer} ${length}: ${answer}`).toContain(answer);
      }
    }
  }, 60_000);

  it('refuses a missing or malformed boundary and a body without any part', async () => {
    expect(await post('/read', 'abc', { 'content-type': 'multipart/form-data' })).toBe(
      'InvalidRequestError: Expected a multipart/form-data body',
    );
    expect(await post('/read', 'abc', { 'content-type': 'multipart/form-data; charset=utf-8' })).toBe(
      'InvalidRequestError: Malformed multipart/form-data header',
    );
    expect(await post('/read', '', { 'content-type': 'multipart/form-data; boundary=XX' })).toBe(
      'InvalidRequestError: Malformed multipart/form-data body',
    );
    expect(await post('/read', 'garbage', { 'content-type': 'multipart/form-data; boundary=XX' })).toBe(
      'InvalidRequestError: Malformed multipart/form-data body',
    );
  });

  it('fails the consumer when the client goes away mid-file', async () => {
    const head = '--XX\r\ncontent-disposition: form-data; name="upload_data"; filename="a.jpg"\r\n\r\n';
    const req = request(`${url}/read`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=XX', 'content-length': '100000' },
    });
    req.on('error', () => undefined);
    req.write(head + 'x'.repeat(500));
    await new Promise((resolve) => setTimeout(resolve, 100));
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await outcome).toBe(`RequestAbortedError: ${new RequestAbortedError().message}`);
    expect(seen.failed).toBeDefined();
    expect(seen.bytes).toBeGreaterThan(0);
  });
});
