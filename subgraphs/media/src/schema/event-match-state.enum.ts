import { builder } from './builder.js';

export const EventMatchStateEnum = builder.enumType('EventMatchState', {
  description: 'Where matching of an event against the watchlists stands',
  values: {
    NONE: { value: 'none', description: 'Events of this type are not matched (motion, line crossing)' },
    PENDING: { value: 'pending', description: 'Not matched yet: the watchlists part did not answer; retried' },
    DONE: { value: 'done', description: 'Matched against every list of the organization (matches may be empty)' },
    FAILED: { value: 'failed', description: 'The watchlists part did not answer within the retries' },
  } as const,
});
