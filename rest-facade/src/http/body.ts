import type { IncomingMessage } from 'node:http';

/** The body is larger than the facade reads (413). */
export class BodyTooLargeError extends Error {}

/**
 * The request body as openapi-backend takes it: a form (urlencoded or multipart) as an object of
 * its fields, JSON as the raw string without a byte order mark (openapi-backend parses it and
 * reports malformed JSON), nothing for an empty body. Other media types are not read: text/plain
 * included, which browsers send across origins without a preflight, so a JSON operation never
 * acts on it (its body is missing: 422).
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const mediaType = mediaTypeOf(req.headers['content-type']);
  if (mediaType && !BUFFERED.test(mediaType)) {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new BodyTooLargeError(`body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  if (mediaType === 'multipart/form-data') return multipartFields(req.headers['content-type']!, Buffer.concat(chunks));
  const text = Buffer.concat(chunks).toString('utf8');
  if (mediaType === 'application/x-www-form-urlencoded') return formFields(text);
  // a leading byte order mark, as Python's json.loads of the bytes takes it (some Windows clients send one)
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

const BUFFERED = /^(application\/(json|x-www-form-urlencoded|[\w.+-]+\+json)|multipart\/form-data)$/;

export function mediaTypeOf(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * The text fields of a multipart form (a browser's FormData, curl -F), as `formFields` gives a
 * urlencoded one; file parts are left out. Undefined when the body is no well-formed multipart.
 */
async function multipartFields(
  contentType: string,
  body: Buffer,
): Promise<Record<string, string | string[]> | undefined> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    return undefined;
  }
  return fieldsOf([...form].filter((field): field is [string, string] => typeof field[1] === 'string'));
}

/** `a=1&b=2` → `{a: "1", b: "2"}`; a repeated field becomes a list. */
export function formFields(text: string): Record<string, string | string[]> {
  return fieldsOf(new URLSearchParams(text));
}

/** A form's fields by name, a repeated one as a list (own properties only: `__proto__` is a name like any other). */
function fieldsOf(pairs: Iterable<[string, string]>): Record<string, string | string[]> {
  const fields = new Map<string, string | string[]>();
  for (const [name, value] of pairs) {
    const seen = fields.get(name);
    fields.set(name, seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]);
  }
  return Object.fromEntries(fields);
}
