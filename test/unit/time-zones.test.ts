import { describe, expect, it } from 'vitest';
import { actorFrom } from '../../functions/http/request.ts';
import { makeHttpEvent } from '../../functions/local/lambda-event.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { catalogues } from '../../shared/domain/notifications/catalogues/index.ts';
import { formatDate, lookOf } from '../../shared/domain/notifications/layout.ts';
import { checkTimeZone, timeZoneOf } from '../../shared/domain/notifications/time-zones.ts';

const eventWith = (claims: Record<string, string>) => makeHttpEvent({ method: 'GET', routePath: '/me', url: new URL('https://api.example.com/me'), claims });

describe('time zones of email recipients', () => {
  it('an IANA name is accepted in its canonical spelling', () => {
    expect(timeZoneOf('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timeZoneOf('europe/berlin')).toBe('Europe/Berlin');
    // three parts; the engine's canonical name for it may be the older link (America/Buenos_Aires)
    expect(timeZoneOf('America/Argentina/Buenos_Aires')).toMatch(/^America\/(Argentina\/)?Buenos_Aires$/);
    expect(timeZoneOf('UTC')).toBe('UTC');
    expect(timeZoneOf('Etc/GMT+1')).toBe('Etc/GMT+1');
  });

  it('what is not an IANA name is refused: an unknown zone, an offset, blanks, markup, a long string, not a string', () => {
    for (const raw of ['Mars/Olympus', '+01:00', 'UTC+1', '', ' Asia/Tokyo', 'Asia/Tokyo ', 'Europe/<b>', `Europe/${'x'.repeat(60)}`, 42, null]) {
      expect(timeZoneOf(raw), String(raw)).toBeNull();
    }
  });

  it('checkTimeZone refuses with time_zone_invalid naming the field', () => {
    expect(checkTimeZone('asia/tokyo', 'timeZone')).toBe('Asia/Tokyo');
    let error: unknown;
    try {
      checkTimeZone('Mars/Olympus', 'invitees.timeZone');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'validation', code: 'time_zone_invalid', extra: { errors: [{ path: 'invitees.timeZone' }] } });
  });

  it("a token's zoneinfo claim is the person's zone; an invalid one is left out, not refused", () => {
    const base = { sub: 'u1', email: 'ann@example.com', email_verified: 'true' };
    expect(actorFrom(eventWith({ ...base, zoneinfo: 'America/Sao_Paulo' })).timeZone).toBe('America/Sao_Paulo');
    expect(actorFrom(eventWith({ ...base, zoneinfo: 'Mars/Olympus' }))).toEqual({ userId: 'u1', email: 'ann@example.com', emailVerified: true });
  });

  it('a date is written in the zone, named; without one in UTC, said as such', () => {
    const iso = '2026-12-09T10:00:00.000Z';
    expect(formatDate(iso, { t: catalogues.en, timeZone: 'America/Sao_Paulo' })).toBe('9 December 2026 at 07:00 GMT-3');
    expect(formatDate(iso, lookOf(null, 'pt', 'America/Sao_Paulo'))).toBe('9 de dezembro de 2026 às 07:00 BRT');
    expect(formatDate(iso, lookOf(null, 'en'))).toBe('9 December 2026 at 10:00 UTC');
  });
});
