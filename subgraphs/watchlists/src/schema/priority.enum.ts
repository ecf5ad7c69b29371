import { builder } from './builder.js';

export const WatchlistPriority = builder.enumType('WatchlistPriority', {
  description: 'How urgent a match against a face list or plate list is',
  values: { LOW: { value: 'low' }, MEDIUM: { value: 'medium' }, HIGH: { value: 'high' } } as const,
});
