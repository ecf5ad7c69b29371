import type { EventView } from '../event.types.js';
import { LiveFailure, type LiveItem } from './live-subscription.js';

/** The event to deliver, or the error that ends the subscription. */
export function liveEventOf(item: LiveItem): EventView {
  if (item instanceof LiveFailure) throw item.error;
  return item;
}
