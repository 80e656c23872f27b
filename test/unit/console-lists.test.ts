import { describe, expect, it } from 'vitest';
import { auditCsv } from '../../web/src/console/audit/csv.ts';
import { distinct, parseList } from '../../web/src/console/invite/parse.ts';
import { peopleFromCsv } from '../../web/src/console/invite/people-csv.ts';

describe("the invite dialog's pasted list", () => {
  it('splits on commas, semicolons, spaces, tabs and new lines, and marks the repeats (case-insensitive)', () => {
    const list = parseList(' a@x.com,b@x.com;\tc@x.com\n\nA@X.com  d@x.com;; ');
    expect(list.map((e) => e.input)).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'A@X.com', 'd@x.com']);
    const { unique, repeated } = distinct(list);
    expect(unique.map((e) => e.input)).toEqual(['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com']);
    expect([...repeated]).toEqual([3]);
  });
});

describe('people from a CSV file', () => {
  it('reads email, first name, last name, role, with a header in any order, quotes and semicolons', () => {
    const csv = '\uFEFFRole;Email;Last Name;First Name\r\nadmin;ann@x.com;Lee;Ann\r\n;"bo@x.com";"Berg, Jr.";Bo\r\nowner;cy@x.com;;\r\n';
    expect(peopleFromCsv(csv)).toEqual([
      { email: 'ann@x.com', firstName: 'Ann', lastName: 'Lee', role: 'admin' },
      { email: 'bo@x.com', firstName: 'Bo', lastName: 'Berg, Jr.' },
      // an unknown role takes the dialog's
      { email: 'cy@x.com' },
    ]);
  });

  it("without a header takes the columns in the template's order and skips empty lines", () => {
    expect(peopleFromCsv('dee@x.com,Dee,Dale,viewer\n\n,No,Email,member\n')).toEqual([
      { email: 'dee@x.com', firstName: 'Dee', lastName: 'Dale', role: 'viewer' },
    ]);
  });
});

describe("the audit log's CSV export", () => {
  it('quotes what needs quoting and defuses fields a spreadsheet would run as a formula', () => {
    const csv = auditCsv([
      {
        eventId: 'ev1',
        type: 'member.role_changed',
        at: '2026-12-01T10:00:00.000Z',
        actor: { userId: 'u1', email: 'ada@x.com' },
        target: { email: '=HYPERLINK("http://evil")' },
        details: { from: 'member', to: 'admin, "really"' },
      },
      {
        eventId: 'ev2',
        type: 'invitation.expired',
        at: '2026-12-01T11:00:00.000Z',
        actor: { system: true },
        target: {},
        details: {},
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'at,type,actor,target,details,eventId',
      '2026-12-01T10:00:00.000Z,member.role_changed,ada@x.com,"email: =HYPERLINK(""http://evil"")","from: member; to: admin, ""really""",ev1',
      '2026-12-01T11:00:00.000Z,invitation.expired,system,,,ev2',
      '',
    ]);
  });

  it('a field that starts like a formula is prefixed with a quote', () => {
    const csv = auditCsv([{ eventId: '=1+1', type: 't.x', at: 'a', actor: { system: true }, target: {}, details: {} }]);
    expect(csv.split('\r\n')[1]).toBe("a,t.x,system,,,'=1+1");
  });
});
