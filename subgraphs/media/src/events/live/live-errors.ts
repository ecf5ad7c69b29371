import { UnavailableError, type DomainError } from '@argus/core';

/** A subscriber whose buffer filled up: GraphQL `extensions.code` UNAVAILABLE, `extensions.status` subscriber_too_slow. */
export function subscriberTooSlow(bufferSize: number): DomainError {
  return new UnavailableError(
    `This subscriber fell more than ${bufferSize} events behind and was closed; subscribe again with after set to the last event received`,
    'subscriber_too_slow',
  );
}

/** The database did not answer while a subscription read events. */
export function eventsUnreadable(): DomainError {
  return new UnavailableError('Events could not be read; subscribe again with after set to the last event received');
}
