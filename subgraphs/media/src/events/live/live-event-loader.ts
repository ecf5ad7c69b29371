import type { EventRepository } from '../../repositories/event.repository.js';
import type { EventView } from '../event.types.js';
import type { EventNotice } from './event-notice.js';

/**
 * Loads the events notices name, once per process however many subscribers want them: the
 * first subscriber that accepts a notice starts the load, the others share it. Loads are kept
 * for the latest `capacity` notices (oldest dropped first), so memory stays bounded.
 */
export class LiveEventLoader {
  private readonly loads = new Map<string, Promise<EventView | undefined>>();

  constructor(
    private readonly events: Pick<EventRepository, 'findById'>,
    private readonly capacity = 2048,
  ) {}

  load(notice: EventNotice): Promise<EventView | undefined> {
    const key = `${notice.kind}:${notice.eventId}`;
    let load = this.loads.get(key);
    if (!load) {
      load = this.events.findById(notice.eventId, {});
      // a failed load is reported to whoever awaits it, and tried again by the next notice
      load.catch(() => this.loads.delete(key));
      this.loads.set(key, load);
      if (this.loads.size > this.capacity) this.loads.delete(this.loads.keys().next().value!);
    }
    return load;
  }

  get size(): number {
    return this.loads.size;
  }
}
