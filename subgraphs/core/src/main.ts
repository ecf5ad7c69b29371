import { createLogger, redactUrlCredentials, type Logger } from './logger.js';

/**
 * Runs a part as its own process: starts it, and stops it cleanly on SIGINT/SIGTERM.
 * Startup failures (bad configuration, port in use) print one line and exit 1. An error nothing
 * handled while it runs is logged and the process keeps serving (keepServing).
 */
export async function runMain(part: string, start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
  keepServing(createLogger(part));
  let app: { stop(): Promise<void> };
  try {
    app = await start();
  } catch (error) {
    console.error(`${part} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await app.stop();
    } finally {
      console.error(`${part} stopped (${signal})`);
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Uncaught exceptions within this window count towards the limit below. */
const UNCAUGHT_WINDOW_MS = 60_000;
/** More uncaught exceptions than this within the window: the process is in a loop of failures and exits (1). */
const UNCAUGHT_LIMIT = 20;

/**
 * The last resort against one request taking the whole process down: a promise rejection nobody
 * handled, or an exception thrown out of an event handler, is logged (message and stack, with URL
 * credentials removed) and the process keeps serving other requests. Only a burst of uncaught
 * exceptions (more than 20 within a minute) ends it, so that a supervisor restarts it. Installed
 * once per process, by every part's `main.ts` through runMain.
 */
export function keepServing(logger: Logger): void {
  if (installed) return;
  installed = true;
  const recent: number[] = [];
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: errorForLog(reason) }, 'unhandled promise rejection (kept serving)');
  });
  process.on('uncaughtException', (error, origin) => {
    const now = Date.now();
    recent.push(now);
    while (recent.length > 0 && recent[0]! < now - UNCAUGHT_WINDOW_MS) recent.shift();
    if (recent.length > UNCAUGHT_LIMIT) {
      const message = `more than ${UNCAUGHT_LIMIT} uncaught exceptions within a minute: exiting`;
      logger.fatal({ err: errorForLog(error), origin }, message);
      process.exit(1);
    }
    logger.error({ err: errorForLog(error), origin }, 'uncaught exception (kept serving)');
  });
}

let installed = false;

/** An error for a log line: its type, message and stack without URL credentials. */
export function errorForLog(reason: unknown): { type: string; message: string; stack?: string } {
  if (reason instanceof Error) {
    const stack = reason.stack && redactUrlCredentials(reason.stack);
    return { type: reason.name, message: redactUrlCredentials(reason.message), stack };
  }
  return { type: typeof reason, message: redactUrlCredentials(String(reason)) };
}
