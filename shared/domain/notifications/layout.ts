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

/** A link styled as the org's button, its label in white or black, whichever reads on the org's accent. */
export const button = (href: string, label: string, look: EmailLook) =>
  `<a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 16px;background:${look.accent};color:${textOn(look.accent)};text-decoration:none;border-radius:6px">${escapeHtml(label)}</a>`;

/**
 * White or black, whichever contrasts more with a `#rrggbb` background (WCAG 2 relative
 * luminance): an admin's light accent (gold, pale green) would make white text unreadable. One of
 * the two always reaches at least 4.5:1, the contrast WCAG asks of text.
 */
export function textOn(background: string): '#fff' | '#000' {
  const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const bg = luminance(background);
  return contrast(bg, 1) >= contrast(bg, 0) ? '#fff' : '#000';
}

/**
 * The org's accent as the colour of a link on the white page, darkened (same hue) until it reaches
 * WCAG's 4.5:1 for text: a light accent stays the button's and the border's colour, not the links'.
 */
export function linkColour(accent: string): string {
  let rgb = [1, 3, 5].map((i) => Number.parseInt(accent.slice(i, i + 2), 16));
  const hex = () => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  while ((1 + 0.05) / (luminance(hex()) + 0.05) < 4.5) rgb = rgb.map((c) => Math.floor(c * 0.9));
  return hex();
}

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The one HTML shell of every email; `body` is markup whose user-supplied parts are already escaped.
 * The logo has fixed width and height attributes and styles: whatever the image, it takes a 120×40 box.
 * The subject is the document's title: what a screen reader announces when the email opens as a page.
 */
export const emailHtml = (
  body: string,
  look: EmailLook,
  subject: string,
) => `<!doctype html><html lang="${look.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.5">
<div style="border-top:4px solid ${look.accent};max-width:600px;padding-top:12px">
${look.logoUrl ? `<p><img src="${escapeHtml(look.logoUrl)}" width="120" height="40" alt="${escapeHtml(look.orgName)}" style="display:block;width:120px;height:40px;object-fit:contain;border:0"></p>\n` : ''}${body}
</div>
</body></html>`;

/** A paragraph of plain text, escaped. */
export const p = (text: string, style = '') => `<p${style ? ` style="${style}"` : ''}>${escapeHtml(text)}</p>`;
