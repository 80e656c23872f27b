import { describe, expect, it } from 'vitest';
import { defaultSendingGuard, overThreshold, windowOf, windowTally } from '../../shared/domain/orgs/sending-guard.ts';

const cfg = { ...defaultSendingGuard, minSends: 100 };

describe('sender reputation guard rules', () => {
  it('the window is today and the days before it, by UTC date', () => {
    expect(windowOf(new Date('2026-03-07T23:59:59Z'), { windowDays: 7 })).toEqual({ from: '2026-03-01', to: '2026-03-07' });
    expect(windowOf(new Date('2026-03-01T00:00:00Z'), { windowDays: 1 })).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  it('rates are judged only from the minimum number of sends, strictly above the thresholds', () => {
    expect(overThreshold({ sent: 99, bounced: 99, complained: 0 }, cfg)).toBeNull();
    expect(overThreshold({ sent: 100, bounced: 5, complained: 0 }, cfg)).toBeNull();
    expect(overThreshold({ sent: 100, bounced: 6, complained: 0 }, cfg)).toMatchObject({ reason: 'bounce_rate', rates: { bounceRate: 0.06 } });
    expect(overThreshold({ sent: 1000, bounced: 0, complained: 1 }, cfg)).toBeNull();
    expect(overThreshold({ sent: 1000, bounced: 0, complained: 2 }, cfg)).toMatchObject({ reason: 'complaint_rate' });
  });

  it('complaints are named first when both rates are over', () => {
    expect(overThreshold({ sent: 100, bounced: 50, complained: 1 }, cfg)?.reason).toBe('complaint_rate');
  });

  it('after a resume only what came after it counts: earlier days are left out and the resume day is taken from its baseline', () => {
    const days = {
      '2026-03-01': { sent: 100, bounced: 40, complained: 0 },
      '2026-03-02': { sent: 150, bounced: 50, complained: 1 },
      '2026-03-03': { sent: 10, bounced: 0, complained: 0 },
    };
    expect(windowTally(days, undefined)).toEqual({ sent: 260, bounced: 90, complained: 1 });
    expect(windowTally(days, { status: 'paused', since: '2026-03-02T10:00:00Z' })).toEqual({ sent: 260, bounced: 90, complained: 1 });
    const resumed = { status: 'active' as const, since: '2026-03-02T12:00:00Z', baseline: { day: '2026-03-02', sent: 120, bounced: 50, complained: 1 } };
    expect(windowTally(days, resumed)).toEqual({ sent: 40, bounced: 0, complained: 0 });
  });
});
