import type { Deps } from '../../ports.ts';
import { hasAccess } from '../access.ts';
import { DomainError } from '../errors.ts';
import { isLocale, type Locale, locales } from '../notifications/locales.ts';

/** How an org's emails look and who answers them (org settings `branding`); every field optional. */
export interface Branding {
  /** Shown as the sender's name and in the emails instead of the org's name. */
  displayName?: string;
  /** An https image, shown at a fixed size at the top of every email. */
  logoUrl?: string;
  /** `#rrggbb`, lower case: the button and the header rule. */
  accentColor?: string;
  /** Replies go to this address: the email of one of the org's active admins when it was set. */
  replyTo?: string;
  /** The language of an invitation that names none, and of the org's other emails. */
  defaultLocale?: Locale;
}

/** A branding as sent, before checkBranding. */
export type BrandingInput = { [K in keyof Branding]?: string };

const refuse = (code: 'logo_url_invalid' | 'accent_color_invalid' | 'reply_to_not_admin' | 'locale_unsupported', path: string, message: string) =>
  new DomainError('validation', code, { errors: [{ path, message }] });

/** A logo is fetched by every recipient's mail client: https only (no mixed content, no tracking over http), no credentials, a bounded URL. */
export function checkLogoUrl(raw: string, path = 'branding.logoUrl'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse('logo_url_invalid', path, 'must be an absolute https URL');
  }
  if (url.protocol !== 'https:') throw refuse('logo_url_invalid', path, 'must use https');
  if (url.username || url.password) throw refuse('logo_url_invalid', path, 'must not carry credentials');
  if (raw.length > 2048 || /[\s"'<>\\]/.test(raw)) throw refuse('logo_url_invalid', path, 'must be a plain URL of at most 2048 characters');
  return url.href;
}

export function checkLocale(raw: string, path: string): Locale {
  if (!isLocale(raw)) throw refuse('locale_unsupported', path, `must be one of ${locales.join(', ')}`);
  return raw;
}

/**
 * Checks and normalizes a branding the admin sends. The reply-to check is two point reads: the
 * address must be a known user's verified email (members' emails come from verified tokens) whose
 * membership in this org is an active admin. It is checked when set, not on every send: an admin
 * demoted later keeps receiving replies until an admin changes the setting (docs/adr/branded-emails.md).
 */
export async function checkBranding(deps: Pick<Deps, 'members' | 'clock'>, orgId: string, b: BrandingInput): Promise<Branding> {
  const out: Branding = {};
  if (b.displayName !== undefined) out.displayName = b.displayName;
  if (b.logoUrl !== undefined) out.logoUrl = checkLogoUrl(b.logoUrl);
  if (b.accentColor !== undefined) {
    if (!/^#[0-9a-fA-F]{6}$/.test(b.accentColor)) throw refuse('accent_color_invalid', 'branding.accentColor', 'must be #rrggbb');
    out.accentColor = b.accentColor.toLowerCase();
  }
  if (b.defaultLocale !== undefined) out.defaultLocale = checkLocale(b.defaultLocale, 'branding.defaultLocale');
  if (b.replyTo !== undefined) {
    const email = b.replyTo.trim().toLowerCase();
    const user = (await deps.members.knownUsers([email])).get(email);
    const member = user ? await deps.members.get(orgId, user.userId) : null;
    // an admin whose end of access has passed is no admin any more, whether or not the removal has run
    if (!hasAccess(member, deps.clock.now()) || member.role !== 'admin' || member.email.toLowerCase() !== email) {
      throw refuse('reply_to_not_admin', 'branding.replyTo', "must be the email address of one of the organization's active admins");
    }
    out.replyTo = member.email;
  }
  return out;
}
