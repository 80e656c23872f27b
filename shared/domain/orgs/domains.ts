import { domainOf, isValidDomain } from '../emails.ts';
import { invalid } from '../errors.ts';

/**
 * Allowed domains are stored lower-cased and exact: `example.com` does not admit `eu.example.com`.
 * Internationalized domains must be given in punycode (xn--...); a non-ASCII domain is refused with
 * a message that says so instead of being silently converted.
 */
export function normalizeDomains(domains: readonly string[]): string[] {
  const out = new Set<string>();
  domains.forEach((raw, i) => {
    const d = raw.trim().toLowerCase().replace(/\.$/, '');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
    if (/[^\x00-\x7f]/.test(d)) {
      throw invalid('Internationalized domains must be given in punycode (xn--...).', [
        { path: `allowedDomains.${i}`, message: `"${raw}" is not ASCII; use its punycode form` },
      ]);
    }
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
