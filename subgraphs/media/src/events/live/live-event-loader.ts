import type { EventRepository, SequencedEvent } from '../../repositories/event.repository.js';
import type { EventNotice } from './event-notice.js';

/** Most ids read by one statement. */
const BATCH = 500;

interface Waiting {
  readonly id: string;
  readonly key: string;
  resolve(event: SequencedEvent | undefined): void;
  reject(error: unknown): void;
}

/**
 * Loads the events notices name, once per process however many subscribers want them: the
 * first subscriber that accepts a notice starts the load, the others share it. The notices that
 * arrive together (one read of the feed's connection) are loaded by one statement. Loads are
 * kept for the latest `capacity` notices (oldest dropped first), so memory stays bounded.
 */
export class LiveEventLoader {
  private readonly loads = new Map<string, Promise<SequencedEvent | undefined>>();
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly events: Pick<EventRepository, 'findSequenced'>,
    private readonly capacity = 2048,
  ) {}

  load(notice: EventNotice): Promise<SequencedEvent | undefined> {
    const key = `${notice.kind}:${notice.eventId}`;
    let load = this.loads.get(key);
    if (!load) {
      load = new Promise<SequencedEvent | undefined>((resolve, reject) =>
        this.waiting.push({ id: notice.eventId, key, resolve, reject }),
      );
      // a failed load is reported to whoever awaits it, and tried again by the next notice
      load.catch(() => this.loads.delete(key));
      this.loads.set(key, load);
      if (this.loads.size > this.capacity) this.loads.delete(this.loads.keys().next().value!);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    }
    return load;
  }

  /** Starts loading what a notice names (nothing when it is loaded or loading already). */
  prefetch(notice: EventNotice): void {
    if (!this.loads.has(`${notice.kind}:${notice.eventId}`)) void this.load(notice);
  }

  get size(): number {
    return this.loads.size;
  }

  private flush(): void {
    this.scheduled = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (let i = 0; i < waiting.length; i += BATCH) this.read(waiting.slice(i, i + BATCH));
  }

  private read(batch: Waiting[]): void {
    const ids = [...new Set(batch.map((w) => w.id))];
    this.events.findSequenced(ids).then(
      (rows) => {
        const byId = new Map(rows.map((row) => [row.id, row]));
        for (const w of batch) w.resolve(byId.get(w.id));
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    );
  }
}
