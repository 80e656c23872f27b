/**
 * A member's or an invitation's end of access (`accessUntil`) as the console shows and edits it: in the
 * admin's own locale and time zone (the browser's), while the API speaks UTC instants. Only console
 * chunks import this, so the accept page does not download it.
 */

/** The date and time in the admin's locale (the browser's language), e.g. "Dec 5, 2026, 10:00 AM". */
export const endLabel = (iso: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

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
