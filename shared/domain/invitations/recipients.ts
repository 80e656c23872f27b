import { isValidEmail, normalizeEmail, splitEmailList } from '../emails.ts';
import { invalid } from '../errors.ts';
import type { Role } from '../model.ts';
import type { Locale } from '../notifications/locales.ts';

export const MAX_RECIPIENTS = 1000;

export interface InviteeInput {
  email: string;
  role?: Role;
  firstName?: string;
  lastName?: string;
  primaryContact?: boolean;
  products?: string[];
  accessUntil?: string;
  locale?: string;
  timeZone?: string;
}

export interface Recipient {
  email: string;
  /** What the admin typed, so the result can be matched to their list. */
  input: string;
  valid: boolean;
  role: Role;
  firstName?: string;
  lastName?: string;
  primaryContact?: boolean;
  products?: string[];
  /** The end of access the membership will carry (the invitee's own, else the request's). */
  accessUntil?: string;
  /** The language of their emails (the invitee's own, else the request's; absent: the org's default). */
  locale?: Locale;
  /** The time zone of their emails' dates (the invitee's own, else the request's; absent: UTC). */
  timeZone?: string;
}

/**
 * Turns the `emails` list and the `invitees` entries into one list of distinct recipients, in the
 * order given. Duplicates (after trimming and lower-casing) count once; an `invitees` entry wins
 * over a bare address because it carries the person's own role and names.
 */
export function resolveRecipients(input: {
  emails?: string | readonly string[];
  invitees?: readonly InviteeInput[];
  role: Role;
  accessUntil?: string;
  locale?: Locale;
  timeZone?: string;
}): Recipient[] {
  const byEmail = new Map<string, Recipient>();
  const add = (raw: string, extra: Partial<Recipient>) => {
    const email = normalizeEmail(raw);
    const existing = byEmail.get(email);
    if (
      existing &&
      !extra.firstName &&
      !extra.lastName &&
      !extra.role &&
      !extra.primaryContact &&
      !extra.products &&
      !extra.accessUntil &&
      !extra.locale &&
      !extra.timeZone
    )
      return;
    const accessUntil = extra.accessUntil ?? input.accessUntil;
    const locale = extra.locale ?? input.locale;
    const timeZone = extra.timeZone ?? input.timeZone;
    byEmail.set(email, {
      email,
      input: existing?.input ?? raw.trim(),
      valid: isValidEmail(email),
      role: extra.role ?? existing?.role ?? input.role,
      ...(extra.firstName !== undefined ? { firstName: extra.firstName } : {}),
      ...(extra.lastName !== undefined ? { lastName: extra.lastName } : {}),
      ...(extra.primaryContact ? { primaryContact: true } : {}),
      ...(extra.products ? { products: [...new Set(extra.products)] } : {}),
      ...(accessUntil !== undefined ? { accessUntil } : {}),
      ...(locale !== undefined ? { locale } : {}),
      ...(timeZone !== undefined ? { timeZone } : {}),
    });
  };
  for (const raw of input.emails !== undefined ? splitEmailList(input.emails) : []) add(raw, {});
  for (const p of input.invitees ?? []) {
    add(p.email, {
      ...(p.role ? { role: p.role } : {}),
      ...(p.firstName !== undefined ? { firstName: p.firstName } : {}),
      ...(p.lastName !== undefined ? { lastName: p.lastName } : {}),
      ...(p.primaryContact ? { primaryContact: true } : {}),
      ...(p.products ? { products: p.products } : {}),
      ...(p.accessUntil !== undefined ? { accessUntil: p.accessUntil } : {}),
      ...(p.locale !== undefined ? { locale: p.locale as Locale } : {}),
      ...(p.timeZone !== undefined ? { timeZone: p.timeZone } : {}),
    });
  }
  // one primary contact per org: a request naming two could only ever honour one of them
  const primaries = [...byEmail.values()].filter((r) => r.primaryContact);
  if (primaries.length > 1) {
    throw invalid(
      'At most one invitee can be the primary contact.',
      primaries.slice(1).map((r) => ({
        path: 'invitees.primaryContact',
        message: `${r.email}: another invitee is already the primary contact`,
      })),
    );
  }
  if (byEmail.size === 0) {
    throw invalid('At least one recipient is required.', [{ path: 'emails', message: 'no email address given' }]);
  }
  if (byEmail.size > MAX_RECIPIENTS) {
    throw invalid(`At most ${MAX_RECIPIENTS} recipients per request.`, [
      { path: 'emails', message: `${byEmail.size} distinct addresses given; the limit is ${MAX_RECIPIENTS}` },
    ]);
  }
  return [...byEmail.values()];
}
