import { DomainError } from '../errors.ts';
import type { Org } from '../model.ts';

/**
 * Product keys given to an invitation or a member must be among the org's own products. An org
 * without products accepts no keys at all, so a typo never grants access to something that does not exist.
 */
export function requireKnownProducts(org: Org, products: readonly string[] | undefined, path = 'products'): void {
  if (!products || products.length === 0) return;
  const offered = new Set((org.settings.products ?? []).map((p) => p.key));
  const unknown = [...new Set(products)].filter((k) => !offered.has(k));
  if (unknown.length > 0) {
    throw new DomainError('validation', 'unknown_products', {
      detail: `Not offered by this organization: ${unknown.join(', ')}.`,
      errors: unknown.map((k) => ({ path, message: `unknown product key "${k}"` })),
    });
  }
}

/** Product keys as stored: distinct, in the order given. */
export const distinctProducts = (products: readonly string[]) => [...new Set(products)];
