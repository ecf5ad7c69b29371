type Listener = (...args: unknown[]) => void;

const TERMINATE_EVENTS = ['SIGINT', 'SIGTERM', 'exit'] as const;

function listenersOf(event: string): Listener[] {
  return process.listeners(event as NodeJS.Signals) as Listener[];
}

/**
 * Runs `create` and removes the process signal listeners it installed. The Hive gateway
 * registers its own SIGINT/SIGTERM/exit handlers that dispose it behind its owner's back;
 * the router is stopped by whoever runs it (runMain, the all-in-one launcher, a test).
 */
export function withoutOwnSignalHandlers<T>(create: () => T): T {
  const before = new Map(TERMINATE_EVENTS.map((event) => [event, new Set(listenersOf(event))]));
  try {
    return create();
  } finally {
    for (const event of TERMINATE_EVENTS) {
      for (const listener of listenersOf(event)) {
        if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
      }
    }
  }
}
