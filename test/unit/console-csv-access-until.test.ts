import { describe, expect, it } from 'vitest';
import { fromCsvDate, inRange } from '../../web/src/console/access-until.ts';
import { peopleFromCsv } from '../../web/src/console/invite/people-csv.ts';

/* Instants are built with the local Date constructor: the rules hold in whatever zone the run is in (the admin's). */
const DAY = 86_400_000;

describe("a CSV file's end-of-access column", () => {
  it("reads a date as the end of that day in the admin's time zone, as the dialog's date-time field would hold it", () => {
    expect(fromCsvDate('2026-12-31')).toBe(new Date(2026, 11, 31, 23, 59).toISOString());
    expect(fromCsvDate(' 2027-01-09 ')).toBe(new Date(2027, 0, 9, 23, 59).toISOString());
  });

  it("reads a date-time without an offset in the admin's zone, one with an offset as that instant, a space for the T", () => {
    expect(fromCsvDate('2026-12-31T17:30')).toBe(new Date(2026, 11, 31, 17, 30).toISOString());
    expect(fromCsvDate('2026-12-31 17:30:15')).toBe(new Date(2026, 11, 31, 17, 30, 15).toISOString());
    expect(fromCsvDate('2026-12-31T17:30:00Z')).toBe('2026-12-31T17:30:00.000Z');
    expect(fromCsvDate('2026-12-31T17:30+02:00')).toBe('2026-12-31T15:30:00.000Z');
  });

  it('reads anything else as no date: other formats, days that do not exist, an offset without a time', () => {
    for (const bad of ['31/12/2026', '12/31/2026', 'next friday', '2026-02-30', '2026-13-01', '2026-12-31T25:00', '2026-12-31Z', '2026-12-31T17'])
      expect(fromCsvDate(bad), bad).toBeNull();
  });

  it('takes the column under any of its header names, or fifth without a header, and keeps an unreadable cell to flag the person', () => {
    const csv = [
      'Email;First name;Last name;Role;Access until',
      'ann@x.com;Ann;Lee;viewer;2026-12-31',
      'bo@x.com;Bo;Berg;;',
      'cy@x.com;Cy;Case;member;31/12/2026',
    ].join('\n');
    expect(peopleFromCsv(csv)).toEqual([
      { email: 'ann@x.com', firstName: 'Ann', lastName: 'Lee', role: 'viewer', accessUntil: new Date(2026, 11, 31, 23, 59).toISOString() },
      { email: 'bo@x.com', firstName: 'Bo', lastName: 'Berg' },
      { email: 'cy@x.com', firstName: 'Cy', lastName: 'Case', role: 'member', unreadEnd: '31/12/2026' },
    ]);
    for (const head of ['accessUntil', 'end date', 'end_of_access', 'Until'])
      expect(peopleFromCsv(`${head},email\n2027-01-09T08:00Z,dee@x.com`), head).toEqual([{ email: 'dee@x.com', accessUntil: '2027-01-09T08:00:00.000Z' }]);
    expect(peopleFromCsv('eve@x.com,Eve,,,2027-01-09')).toEqual([
      { email: 'eve@x.com', firstName: 'Eve', accessUntil: new Date(2027, 0, 9, 23, 59).toISOString() },
    ]);
  });

  it('holds an end to what the API allows: after now, at most 5 years (1826 days) ahead', () => {
    const now = Date.parse('2026-12-02T08:00:00.000Z');
    expect(inRange(new Date(now + 60_000).toISOString(), now)).toBe(true);
    expect(inRange(new Date(now + 1826 * DAY).toISOString(), now)).toBe(true);
    expect(inRange(new Date(now).toISOString(), now)).toBe(false);
    expect(inRange(new Date(now - DAY).toISOString(), now)).toBe(false);
    expect(inRange(new Date(now + 1826 * DAY + 1).toISOString(), now)).toBe(false);
  });
});
