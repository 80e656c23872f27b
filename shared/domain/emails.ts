/**
 * Email address handling for pasted lists. Addresses are compared trimmed and lower-cased.
 * Validation is deliberately conservative: an ASCII local part and a hostname-shaped domain. Internationalized
 * addresses (non-ASCII) are reported as invalid rather than half-supported, since SES and many
 * inboxes do not deliver them reliably.
 */
export const MAX_EMAIL_LENGTH = 254;

const SEPARATORS = /[\s,;]+/u;
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
const ASCII = /^[\x00-\x7f]*$/;

export const isAscii = (s: string) => ASCII.test(s);

/**
 * Trimmed and lower-cased, for ASCII addresses only. Lower-casing maps some non-ASCII characters
 * onto ASCII ones (the Kelvin sign U+212A becomes "k", U+0130 becomes "i" plus a dot), so a
 * look-alike would fold onto someone else's address: a non-ASCII address is kept as given (only
 * trimmed), which no ASCII address equals, and which `isValidEmail` refuses.
 */
export function normalizeEmail(raw: string): string {
  const trimmed = raw.trim();
  return isAscii(trimmed) ? trimmed.toLowerCase() : trimmed;
}

export function isValidEmail(email: string): boolean {
  if (email.length > MAX_EMAIL_LENGTH || !isAscii(email)) return false;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at !== email.indexOf('@')) return false;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local)) return false;
  return isValidDomain(domain);
}

export function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((l) => LABEL.test(l))) return false;
  // the top-level label is never all digits: rules out IP-literal look-alikes such as 1.2.3.4
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/** Splits a pasted list (commas, semicolons, spaces, tabs, newlines) or an array of such strings. */
export function splitEmailList(input: string | readonly string[]): string[] {
  const parts = typeof input === 'string' ? [input] : input;
  return parts.flatMap((p) => p.split(SEPARATORS)).filter((p) => p.length > 0);
}

/** Masks an address for pages anyone holding a link can see: "jane.doe@x.com" -> "j***e@x.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local[0] ?? ''}***` : `${local[0]}***${local[local.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}
