import type { Org } from '../model.ts';
import type { Catalogue } from './catalogue.ts';
import { catalogues } from './catalogues/index.ts';
import { escapeHtml, oneLine } from './escape.ts';
import { type Locale, localeOf } from './locales.ts';

/**
 * Everything an email's look depends on besides its own data: the language, the org as it names
 * itself, its branding. Built once by `lookOf` for the dispatcher and for the preview route alike,
 * so both render the same bytes from the same inputs.
 */
export interface EmailLook {
  locale: Locale;
  t: Catalogue;
  /** The branding's display name, else the org's name; one line. */
  orgName: string;
  logoUrl?: string;
  accent: string;
  replyTo?: string;
  /** The recipient's IANA time zone when known; dates are then shown in it, else in UTC. */
  timeZone?: string;
}

const DEFAULT_ACCENT = '#1a56db';

/** The look of an org's email in the invitation's language (else the org's default, else English). */
export function lookOf(org: { name: string; settings: Pick<Org['settings'], 'branding'> } | null | undefined, locale?: string, timeZone?: string): EmailLook {
  const b = org?.settings.branding;
  const chosen = localeOf(locale, b?.defaultLocale);
  const t = catalogues[chosen];
  return {
    locale: chosen,
    t,
    orgName: oneLine(b?.displayName || org?.name || t.yourOrg),
    // checked when stored (orgs/branding.ts); checked again here because the markup depends on it
    ...(b?.logoUrl?.startsWith('https://') ? { logoUrl: b.logoUrl } : {}),
    accent: b?.accentColor && /^#[0-9a-f]{6}$/.test(b.accentColor) ? b.accentColor : DEFAULT_ACCENT,
    ...(b?.replyTo ? { replyTo: b.replyTo } : {}),
    ...(timeZone ? { timeZone } : {}),
  };
}

/** A date as the recipient reads it: their language, their time zone if known (else UTC, and it says so). */
export function formatDate(iso: string, look: Pick<EmailLook, 't' | 'timeZone'>): string {
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(look.t.dateLocale, { ...opts, timeZone: look.timeZone ?? 'UTC' }).format(new Date(iso));
  } catch {
    // an unknown zone name: UTC rather than no email
    return new Intl.DateTimeFormat(look.t.dateLocale, { ...opts, timeZone: 'UTC' }).format(new Date(iso));
  }
}

/** A link styled as the org's button. */
export const button = (href: string, label: string, look: EmailLook) =>
  `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 16px;background:${look.accent};color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(label)}</a>`;

/**
 * The one HTML shell of every email; `body` is markup whose user-supplied parts are already escaped.
 * The logo has fixed width and height attributes and styles: whatever the image, it takes a 120×40 box.
 */
export const emailHtml = (body: string, look: EmailLook) => `<!doctype html><html lang="${look.locale}"><body style="font-family:sans-serif;line-height:1.5">
<div style="border-top:4px solid ${look.accent};max-width:600px;padding-top:12px">
${look.logoUrl ? `<p><img src="${escapeHtml(look.logoUrl)}" width="120" height="40" alt="${escapeHtml(look.orgName)}" style="display:block;width:120px;height:40px;object-fit:contain;border:0"></p>\n` : ''}${body}
</div>
</body></html>`;

/** A paragraph of plain text, escaped. */
export const p = (text: string, style = '') => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(text)}</p>`;
