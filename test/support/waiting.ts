import { createServer } from 'node:net';

type Maybe<T> = T | undefined | null | false;

/**
 * Polls `check` until it gives a truthy value and returns it; fails after `timeoutMs` naming
 * `what`. Tests wait with deadlines like this, never with fixed sleeps.
 */
export async function until<T>(
  check: () => Maybe<T> | Promise<Maybe<T>>,
  timeoutMs: number,
  what: string,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A local TCP port nothing listens on right now (to start something on, or to find closed). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
