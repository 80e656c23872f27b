import { DomainError } from '../errors.ts';

// An IANA name's shape (Area/Location, UTC, Etc/GMT+1): rules out the UTC offsets ("+01:00") that newer
// engines accept too, so the same value is valid on every Node version the service runs on.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/**
 * An IANA time zone name as this runtime's `Intl` knows it, canonical (`europe/berlin` ->
 * `Europe/Berlin`), or null. Emails format their dates with it (notifications/layout.ts).
 */
export function timeZoneOf(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 64 || !IANA_NAME.test(raw)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** A time zone someone sent: its canonical name, else `400 time_zone_invalid` naming the field. */
export function checkTimeZone(raw: string, path: string): string {
  const zone = timeZoneOf(raw);
  if (zone === null) {
    throw new DomainError('validation', 'time_zone_invalid', { errors: [{ path, message: 'must be an IANA time zone name such as Europe/Berlin or UTC' }] });
  }
  return zone;
}
