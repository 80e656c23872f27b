import { fromCsvDate } from '../access-until.ts';
import type { Person } from './parse.ts';

/** The fields of one CSV line (RFC 4180 quotes; commas or semicolons as separators, as spreadsheets export). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === ';') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

const roles = new Set(['admin', 'member', 'viewer']);
/** The names a header may give the end-of-access column (lower-cased, spaces, dashes and underscores dropped). */
const endHeads = ['accessuntil', 'enddate', 'endofaccess', 'until'];

/**
 * People from a CSV file with the columns email, first name, last name, role (Autodesk's bulk invite
 * template) and, optionally, access until (`fromCsvDate`: a date or a date-time). A header line is
 * recognised by an "email" column and may put the columns in any order; an unknown or empty role takes
 * the dialog's role, an empty end none (the dialog's for everyone), an unreadable one is kept to be flagged.
 */
export function peopleFromCsv(text: string): Person[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim());
  if (lines.length === 0) return [];
  const head = fields(lines[0] as string).map((h) => h.toLowerCase().replace(/[\s_-]+/g, ''));
  const hasHeader = head.includes('email');
  const col = (name: string, fallback: number) => (hasHeader ? head.indexOf(name) : fallback);
  const at = {
    email: col('email', 0),
    first: col('firstname', 1),
    last: col('lastname', 2),
    role: col('role', 3),
    end: hasHeader ? head.findIndex((h) => endHeads.includes(h)) : 4,
  };
  return lines
    .slice(hasHeader ? 1 : 0)
    .map((line) => {
      const f = fields(line);
      const get = (i: number) => (i >= 0 ? (f[i] ?? '').trim() : '');
      const role = get(at.role).toLowerCase();
      const end = get(at.end);
      const until = end ? fromCsvDate(end) : null;
      return {
        email: get(at.email),
        ...(get(at.first) ? { firstName: get(at.first) } : {}),
        ...(get(at.last) ? { lastName: get(at.last) } : {}),
        ...(roles.has(role) ? { role: role as NonNullable<Person['role']> } : {}),
        ...(until ? { accessUntil: until } : end ? { unreadEnd: end } : {}),
      };
    })
    .filter((p) => p.email);
}
