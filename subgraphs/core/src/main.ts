/**
 * Runs a part as its own process: starts it, and stops it cleanly on SIGINT/SIGTERM.
 * Startup failures (bad configuration, port in use) print one line and exit 1.
 */
export async function runMain(part: string, start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
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
