/** One address as the admin typed it, and its key (trimmed, lower-cased) for comparing. */
export interface Entry {
  input: string;
  key: string;
}

/** A pasted list, split on commas, semicolons, spaces, tabs and new lines (as the API splits it). */
export function parseList(text: string): Entry[] {
  return text
    .split(/[\s,;]+/u)
    .filter(Boolean)
    .map((input) => ({ input, key: input.toLowerCase() }));
}

/** The entries once each, in order, and which positions repeat an earlier one. */
export function distinct(entries: Entry[]): { unique: Entry[]; repeated: Set<number> } {
  const seen = new Set<string>();
  const unique: Entry[] = [];
  const repeated = new Set<number>();
  entries.forEach((e, i) => {
    if (seen.has(e.key)) repeated.add(i);
    else {
      seen.add(e.key);
      unique.push(e);
    }
  });
  return { unique, repeated };
}

/** A person invited with their own details (the per-person form, a CSV line). */
export interface Person {
  email: string;
  firstName?: string;
  lastName?: string;
  role?: 'admin' | 'member' | 'viewer';
  products?: string[];
  primaryContact?: boolean;
  /** This person's end of access (an instant), over the dialog's own for everyone. */
  accessUntil?: string;
  /** An end-of-access cell of a CSV file that is no date, as written: the person is flagged, never sent. */
  unreadEnd?: string;
}
