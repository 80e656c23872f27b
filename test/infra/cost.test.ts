import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { edgeParagraph, fixedCost } from '../../bench/cost.ts';
import { prices } from '../../bench/lib/prices.ts';

describe('the bill at zero traffic', () => {
  it('a production stage costs at most $3 a month before any traffic (keys, secret, alarm metrics; no dashboard)', () => {
    const { rows, total } = fixedCost();
    expect(total).toBeLessThanOrEqual(3);
    // what makes it up, so that a new alarm or key shows up here as a decision
    expect(Object.fromEntries(rows.map((r) => [r.item.replace(/ \(.*$/, ''), r.quantity]))).toEqual({
      'KMS customer managed key': 1,
      'Secrets Manager secret': 1,
      // the account's throttles minus the dispatcher's (its reserved concurrency throttles it on purpose)
      'CloudWatch alarm metrics': 14,
      'CloudWatch composite alarms': 0,
      'CloudWatch dashboards': 0,
    });
  }, 240_000);
});

describe('the bill at zero traffic with per-IP limits at the edge (context apiWafRateLimit)', () => {
  it('adds the web ACL ($5) and its two rate-based rules ($1 each) to the fixed cost, and nothing else', () => {
    const plain = fixedCost();
    const edged = fixedCost({ apiWafRateLimit: '2000' });
    const quantities = (rows: typeof edged.rows) => Object.fromEntries(rows.map((r) => [r.item.replace(/ \(.*$/, ''), r.quantity]));
    expect(quantities(edged.rows)).toEqual({ ...quantities(plain.rows), 'AWS WAF web ACL': 1, 'AWS WAF rules': 2 });
    expect(edged.total - plain.total).toBeCloseTo(prices.waf.perWebAclMonth + 2 * prices.waf.perRuleMonth, 6);
    expect(edged.total - plain.total).toBeCloseTo(7, 6);
    // docs/cost.md says the same (bench/lib/cost-fixed.ts edgeParagraph writes it)
    expect(edgeParagraph(plain, edged)).toContain('$7.00 more');
    expect(readFileSync('docs/cost.md', 'utf8')).toContain(edgeParagraph(plain, edged));
  }, 480_000);
});
