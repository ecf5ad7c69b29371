import { builder } from './builder.js';

/** The watchlists part's priority enum, declared identically here (federation merges the two). */
export const WatchlistPriorityEnum = builder.enumType('WatchlistPriority', {
  description: 'How urgent a match against a face list or plate list is',
  values: { LOW: { value: 'low' }, MEDIUM: { value: 'medium' }, HIGH: { value: 'high' } } as const,
});
