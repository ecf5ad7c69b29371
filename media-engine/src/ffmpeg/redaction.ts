import { redactUrlCredentials } from '@argus/core';

/** Secrets shorter than this are not searched for in free text (it would mangle ordinary words). */
const MIN_SECRET_LENGTH = 4;

/** Removes URL credentials (`rtsp://user:pass@` → `rtsp://***:***@`) and any known secret from a text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = redactUrlCredentials(text);
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('***');
  }
  return out;
}

/** The arguments of a command, safe to log: every log line about a process uses this. */
export function redactArgs(args: readonly string[], secrets: readonly string[] = []): string[] {
  return args.map((arg) => redactText(arg, secrets));
}
