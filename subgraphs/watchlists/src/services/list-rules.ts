import type { Priority } from '../db.js';
import { optionalText, text } from './field-rules.js';

/** What a face list or a plate list is made of. */
export interface WatchlistInput {
  readonly name: string;
  readonly description?: string | null;
  readonly priority?: Priority | null;
}

export interface WatchlistListArgs {
  /** exact name */
  readonly name?: string | null;
  readonly organizationId?: number | null;
}

export function watchlistValues(input: WatchlistInput) {
  return {
    name: text(input.name, ['input', 'name'], 255),
    description: optionalText(input.description, ['input', 'description'], 2048),
    priority: input.priority ?? null,
  };
}

/** The exact-name filter: absent or empty means none. */
export function nameFilter(name: string | null | undefined): string | undefined {
  return name === null || name === undefined || name === '' ? undefined : name;
}
