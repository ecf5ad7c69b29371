import { pino, type Logger } from 'pino';

export type { Logger };

/** Paths never written to a log line: passwords, tokens, camera credentials. */
const REDACT = [
  'password',
  '*.password',
  '*.*.password',
  'current_password',
  'new_password',
  '*.onvif_password',
  'access_token',
  'refresh_token',
  '*.access_token',
  '*.refresh_token',
  'token',
  '*.token',
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.authorization',
];

/** Removes user:password@ from URLs (RTSP sources and the like) inside any string. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s:]+(:[^/@\s]*)?@/gi, '$1***:***@');
}

export function createLogger(part: string, level = 'info'): Logger {
  return pino({
    level,
    base: { part },
    redact: { paths: REDACT, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactUrlCredentials(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  });
}
