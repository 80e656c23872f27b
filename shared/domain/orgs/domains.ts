import { domainOf, isAscii, isValidDomain } from '../emails.ts';
import { invalid } from '../errors.ts';
import type { OrgSettings } from '../model.ts';

/**
 * Enough for any real organization, and small enough that a PATCH which swaps the whole list and
 * its auto-join index (one item per domain, added and removed) fits in one 100-item transaction.
 */
export const MAX_ALLOWED_DOMAINS = 40;

/**
 * Allowed domains are stored lower-cased and exact: `example.com` does not admit `eu.example.com`.
 * Internationalized domains must be given in punycode (xn--...); a non-ASCII domain is refused with
 * a message that says so instead of being silently converted.
 */
export function normalizeDomains(domains: readonly string[]): string[] {
  if (domains.length > MAX_ALLOWED_DOMAINS) {
    throw invalid(`At most ${MAX_ALLOWED_DOMAINS} allowed domains.`, [
      { path: 'allowedDomains', message: `${domains.length} given; the limit is ${MAX_ALLOWED_DOMAINS}` },
    ]);
  }
  const out = new Set<string>();
  domains.forEach((raw, i) => {
    // tested before lower-casing: the Kelvin sign (U+212A) would lower-case to an ASCII "k"
    if (!isAscii(raw)) {
      throw invalid('Internationalized domains must be given in punycode (xn--...).', [
        { path: `allowedDomains.${i}`, message: `"${raw}" is not ASCII; use its punycode form` },
      ]);
    }
    const d = raw.trim().toLowerCase().replace(/\.$/, '');
    if (!isValidDomain(d)) {
      throw invalid('Not a valid domain.', [{ path: `allowedDomains.${i}`, message: `"${raw}" is not a domain` }]);
    }
    out.add(d);
  });
  return [...out];
}

export function domainAllowed(allowedDomains: readonly string[], email: string): boolean {
  return allowedDomains.length === 0 || allowedDomains.includes(domainOf(email));
}

/**
 * Auto-join needs an explicit list: an empty `allowedDomains` means "invite anyone" for invitations,
 * but it must never mean "anyone may join".
 */
export function autoJoinAdmits(settings: Pick<OrgSettings, 'allowedDomains' | 'autoJoin'>, email: string): boolean {
  return settings.autoJoin.enabled && settings.allowedDomains.length > 0 && settings.allowedDomains.includes(domainOf(email));
}

/** The AUTOJOIN#domain index items an org should have: one per allowed domain while auto-join is on. */
export function autoJoinIndexOf(settings: Pick<OrgSettings, 'allowedDomains' | 'autoJoin'>): string[] {
  return settings.autoJoin.enabled ? settings.allowedDomains : [];
}
