import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import { InputValidationError, InvalidRequestError } from '@argus/core';

/** The form field of an upload (and of a face meta request) that carries the file. */
export const FILE_FIELD = 'upload_data';

/** The client went away before its request was complete. */
export class RequestAbortedError extends Error {
  constructor() {
    super('The client aborted the request');
  }
}

/** Bounds on everything in a form besides the file itself. */
const FORM_LIMITS = { files: 4, fields: 16, fieldSize: 64 * 1024, parts: 32, headerPairs: 32, fieldNameSize: 100 };

/**
 * Streams the `upload_data` file of a multipart/form-data request into `consume` as it arrives.
 * The file is cut one byte past `maxBytes` (the consumer sees it is too long); other parts are
 * discarded. Settles once, and only after `consume` has settled, so whatever it staged is cleaned
 * up when the request aborts or the body is malformed (truncated anywhere, bad boundary): a
 * malformed body rejects with InvalidRequestError (400), a form without the file with
 * InputValidationError (422), an aborted request with RequestAbortedError.
 */
export function consumeUploadedFile<T>(
  req: IncomingMessage,
  maxBytes: number,
  consume: (file: AsyncIterable<Uint8Array>) => Promise<T>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
      reject(new InvalidRequestError('Expected a multipart/form-data body'));
      return;
    }
    let parser: BusboyInstance;
    try {
      parser = Busboy({ headers: req.headers as BusboyHeaders, limits: { ...FORM_LIMITS, fileSize: maxBytes + 1 } });
    } catch {
      reject(new InvalidRequestError('Malformed multipart/form-data header'));
      return;
    }
    let ended = false;
    let file: Readable | undefined;
    let consuming: Promise<T> | undefined;
    /** The form is over (its end, a parse error or an abort): settle once the consumer has. */
    const end = (error?: Error) => {
      if (ended) return;
      ended = true;
      if (error) {
        req.unpipe(parser);
        if (file && !file.destroyed) file.destroy(error);
      }
      if (!consuming) {
        reject(error ?? new InputValidationError('field required', ['body', FILE_FIELD], 'missing'));
        return;
      }
      consuming.then(
        (value) => (error ? reject(error) : resolve(value)),
        (consumeError: unknown) => reject(error ?? consumeError),
      );
    };

    parser.on('file', (field, stream) => {
      // busboy emits a truncated part's error on its stream: every stream has a listener, read or not
      stream.on('error', () => undefined);
      if (field !== FILE_FIELD || consuming || ended) {
        stream.resume();
        return;
      }
      file = stream;
      // the parser waits for each file to end: what the consumer leaves unread is drained
      consuming = consume(stream.iterator({ destroyOnReturn: false }));
      consuming
        .catch(() => undefined)
        .finally(() => {
          if (!stream.destroyed) stream.resume();
        });
    });
    parser.on('finish', () => end());
    parser.on('error', () => end(new InvalidRequestError('Malformed multipart/form-data body')));
    req.on('error', () => end(new RequestAbortedError()));
    req.on('close', () => {
      if (!req.complete) end(new RequestAbortedError());
    });
    req.pipe(parser);
  });
}
