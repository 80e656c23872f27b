import { describe, expect, it } from 'vitest';
import { defaultPlans, planCatalogue } from '../../shared/config.ts';
import { dailyWindow, quotaExceeded, rateLimitHeaders } from '../../shared/domain/limits/quotas.ts';
import { invitationQuotas, orgEmailAllowance } from '../../shared/domain/limits/send-limits.ts';

const standard = defaultPlans.plans.standard as NonNullable<(typeof defaultPlans.plans)['standard']>;

describe('daily send quotas', () => {
  it("a new org's allowance starts small and grows with its accepted invitations, up to the plan's maximum", () => {
    expect(orgEmailAllowance(standard, {})).toBe(100);
    expect(orgEmailAllowance(standard, { acceptedInvitations: 10 })).toBe(300);
    expect(orgEmailAllowance(standard, { acceptedInvitations: 5000 })).toBe(1000);
    expect(orgEmailAllowance({ ...standard, invitationEmailsPerOrgPerDay: null }, {})).toBeNull();
  });

  it('an invitation counts against its org and its inviter; an unlimited quota adds no counter', () => {
    expect(invitationQuotas(standard, { orgId: 'o1' }, 'u1')).toEqual([
      { counter: { name: 'org_invitation_emails', owner: 'o1' }, limit: 100 },
      { counter: { name: 'inviter_invitation_emails', owner: 'u1' }, limit: 500 },
    ]);
    expect(invitationQuotas({ ...standard, invitationEmailsPerOrgPerDay: null, invitationEmailsPerInviterPerDay: null }, { orgId: 'o1' }, 'u1')).toEqual([]);
  });

  it('the window is the UTC day, and a refusal says when it resets, in Retry-After and the IETF RateLimit fields', () => {
    const w = dailyWindow(new Date('2026-03-04T22:30:00.000Z'));
    expect(w).toEqual({ id: '2026-03-04', seconds: 86_400, resetSeconds: 5400 });
    const e = quotaExceeded({ counter: { name: 'org_invitation_emails', owner: 'o1' }, limit: 100 }, 97, 5, w);
    expect(e).toMatchObject({ kind: 'rate_limited', code: 'invitation_limit_reached', extra: { retryAfterSeconds: 5400 } });
    expect(rateLimitHeaders(e.extra.rateLimit as Parameters<typeof rateLimitHeaders>[0])).toEqual({
      'ratelimit-policy': '"org_invitation_emails";q=100;w=86400',
      ratelimit: '"org_invitation_emails";r=3;t=5400',
    });
  });

  it('a catalogue written before the quotas existed gets the standard quotas; a negative one is refused', () => {
    const old = planCatalogue({ PLANS: JSON.stringify({ default: 'basic', plans: { basic: { pendingInvitations: 5, members: 5 } } }) });
    expect(old.plans.basic).toEqual({
      pendingInvitations: 5,
      members: 5,
      directAdd: false,
      invitationEmailsPerOrgPerDay: { max: 1000, warmUpBase: 100, warmUpPerAcceptedInvitation: 20 },
      invitationEmailsPerInviterPerDay: 500,
      resendsPerOrgPerDay: 100,
      orgsCreatedPerUserPerDay: 5,
    });
    expect(() =>
      planCatalogue({ PLANS: JSON.stringify({ default: 'b', plans: { b: { pendingInvitations: 5, members: 5, resendsPerOrgPerDay: -1 } } }) }),
    ).toThrow(/PLANS/);
  });
});
