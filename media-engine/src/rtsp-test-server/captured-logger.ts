import { pino, type Logger } from 'pino';

/** A debug-level logger whose lines stay in memory, for tests that look at what was logged. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}
