/**
 * A member's or an invitation's end of access (`accessUntil`) as the console edits it: in the admin's
 * own time zone (the browser's), while the API speaks UTC instants; it is shown by dates.ts as every
 * console date is. Only console chunks import this, so the accept page does not download it.
 */

/** The admin's time zone, named beside the date-time input (its value has none of its own). */
export const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export const hasEnded = (iso: string | undefined, now: number) => iso !== undefined && Date.parse(iso) <= now;

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` input's value in the admin's time zone ("2026-12-05T10:00"). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` input's value (the admin's time zone) as the API's instant; null when empty or not a date. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The end moved `days` later: from the current end if it is still ahead, else from now (an ended member gets that many days from now). */
export function extendedBy(iso: string | undefined, days: number, now: number): string {
  const from = iso !== undefined && Date.parse(iso) > now ? Date.parse(iso) : now;
  return new Date(from + days * 86_400_000).toISOString();
}

/** As the API: an end of access after now and at most 1826 days (5 years) ahead (ACCESS_UNTIL_MAX_DAYS). */
export const inRange = (iso: string, now: number) => Date.parse(iso) > now && Date.parse(iso) <= now + 1826 * 86_400_000;

/**
 * An end of access as a CSV cell gives it, read as the dialog's date-time field is, in the admin's time
 * zone: a date is the end of that day (its last minute, which the field would show as 23:59), a date-time
 * without an offset is that time there, one with an offset ("Z", "+02:00") is that instant. A space may
 * stand for the "T", as spreadsheets write it. Null when it is none of these or no such day (Feb 30).
 */
export function fromCsvDate(cell: string): string | null {
  const value = cell.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T');
  const m = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(value);
  if (!m) return null;
  const [, y, mo, d, time, offset] = m as unknown as [string, string, string, string, string?, string?];
  // the calendar day must exist: Date rolls "2026-02-30" over into March
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return null;
  if (!time) return offset ? null : fromLocalInput(`${y}-${mo}-${d}T23:59`);
  const at = new Date(`${y}-${mo}-${d}${time.toUpperCase()}${offset?.toUpperCase() ?? ''}`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
