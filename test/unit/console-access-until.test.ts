import { describe, expect, it } from 'vitest';
import { extendedBy, fromLocalInput, hasEnded, toLocalInput } from '../../web/src/console/access-until.ts';
import { c } from '../../web/src/strings-console.ts';

const DAY = 86_400_000;
const now = Date.parse('2026-12-02T08:00:00.000Z');

describe("the console's end of access", () => {
  it("reads the date-time field in the admin's time zone and writes it back the same", () => {
    expect(fromLocalInput('2026-12-05T10:30')).toBe(new Date(2026, 11, 5, 10, 30).toISOString());
    const iso = new Date(2027, 0, 9, 7, 5).toISOString();
    expect(toLocalInput(iso)).toBe('2027-01-09T07:05');
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it('reads an empty or malformed field as no end', () => {
    for (const bad of ['', '2026-12-05', '2026-12-05 10:30', 'tomorrow', '2026-13-45T99:99']) expect(fromLocalInput(bad), bad).toBeNull();
  });

  it('says "ends in ..." ahead of the instant and "ended" from it on', () => {
    expect(c.endsIn(new Date(now + 3 * DAY).toISOString(), now)).toBe('ends in 3 days');
    expect(c.endsIn(new Date(now + 1 * DAY).toISOString(), now)).toBe('ends in 1 day');
    expect(c.endsIn(new Date(now + 5 * 3_600_000).toISOString(), now)).toBe('ends in 5 hours');
    expect(c.endsIn(new Date(now + 60_000).toISOString(), now)).toBe('ends in less than an hour');
    expect(c.endsIn(new Date(now).toISOString(), now)).toBe('ended');
    expect(hasEnded(new Date(now).toISOString(), now)).toBe(true);
    expect(hasEnded(new Date(now + 1).toISOString(), now)).toBe(false);
    expect(hasEnded(undefined, now)).toBe(false);
    // the invitations' wording is unchanged by the shared helper
    expect(c.invitations.expiresIn(new Date(now + 2 * DAY).toISOString(), now)).toBe('in 2 days');
    expect(c.invitations.expiresIn(new Date(now - 1).toISOString(), now)).toBe('expired');
  });

  it('extends from the current end while it is ahead, from now once it has passed', () => {
    expect(extendedBy(new Date(now + 3 * DAY).toISOString(), 30, now)).toBe(new Date(now + 33 * DAY).toISOString());
    expect(extendedBy(new Date(now - DAY).toISOString(), 30, now)).toBe(new Date(now + 30 * DAY).toISOString());
    expect(extendedBy(undefined, 30, now)).toBe(new Date(now + 30 * DAY).toISOString());
  });
});
