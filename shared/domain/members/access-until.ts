import { DomainError } from '../errors.ts';

/** How far ahead an end of access may be set: beyond it, an end date is more likely a typo than a plan. */
export const ACCESS_UNTIL_MAX_DAYS = 1826;

/**
 * An end of access as given (an ISO 8601 instant the schema accepted), checked against now: after
 * now, at most ACCESS_UNTIL_MAX_DAYS ahead. Answers it normalised to UTC milliseconds, the form
 * stored and compared as a string.
 */
export function checkAccessUntil(value: string, now: Date, path: string): string {
  const at = Date.parse(value);
  const refuse = (message: string) => new DomainError('validation', 'access_until_invalid', { errors: [{ path, message }] });
  if (Number.isNaN(at)) throw refuse('not an ISO 8601 instant');
  if (at <= now.getTime()) throw refuse('must be after now');
  if (at > now.getTime() + ACCESS_UNTIL_MAX_DAYS * 86_400_000) throw refuse(`must be at most ${ACCESS_UNTIL_MAX_DAYS} days ahead`);
  return new Date(at).toISOString();
}
