import type { OnvifErrorCode } from '../client/onvif.types.js';

/** An ONVIF operation that failed, with the contract's code; the message names no credential. */
export class OnvifError extends Error {
  override readonly name = 'OnvifError';
  constructor(
    readonly code: OnvifErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const NETWORK = new RegExp(
  ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE']
    .concat(['socket hang up', 'Network timeout', 'timed out'])
    .join('|'),
  'i',
);

/**
 * The contract's code for what the `onvif` package answered: a SOAP fault's subcode is only in the
 * raw XML (the error says "ONVIF SOAP Fault: <reason>"); network failures are temporarily_unavailable.
 */
export function classifyOnvifFailure(err: unknown, xml: string | undefined, action: string): OnvifError {
  if (err instanceof OnvifError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const raw = xml ?? '';
  const subcodes = [...raw.matchAll(/<(?:[\w-]+:)?Value>\s*(?:[\w-]+:)?([A-Za-z]+)\s*<\/(?:[\w-]+:)?Value>/g)].map(
    (m) => m[1]!,
  );
  const has = (...names: string[]) => subcodes.some((s) => names.includes(s));
  if (has('NotAuthorized') || /not ?authori[sz]ed|Digest authentication failed/i.test(message)) {
    return new OnvifError('onvif_unauthenticated', `The camera refused the ONVIF login (${action})`);
  }
  if (has('ActionNotSupported', 'NoPTZProfile', 'NotSupported') || /not (?:supported|implemented)/i.test(message)) {
    return new OnvifError('onvif_unsupported_action', `The camera does not support ${action}`);
  }
  if (message.startsWith('ONVIF SOAP Fault')) {
    const receiver = has('Receiver') && !has('InvalidArgVal', 'InvalidArgs');
    return new OnvifError(
      receiver ? 'temporarily_unavailable' : 'onvif_invalid_argument',
      `The camera refused ${action}: ${clip(message)}`,
    );
  }
  if (NETWORK.test(message) || (err as { code?: unknown } | undefined)?.code !== undefined) {
    return new OnvifError('temporarily_unavailable', `The camera does not answer (${action}): ${clip(message)}`);
  }
  return new OnvifError('temporarily_unavailable', `The camera answered ${action} unexpectedly: ${clip(message)}`);
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
