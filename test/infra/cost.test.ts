import { describe, expect, it } from 'vitest';
import { fixedCost } from '../../bench/cost.ts';

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
