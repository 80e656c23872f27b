import { describe, expect, it } from 'vitest';
import { defaultPlans, loadConfig, loadMaintenanceConfig, loadPublisherConfig, planCatalogue, sendingGuardConfig } from '../../shared/config.ts';

describe('the settings read at cold start (shared/config.ts)', () => {
  it('fills the defaults and reads numbers from the environment', () => {
    const config = loadConfig({ TABLE_NAME: 'invitations', SES_MAX_SEND_RATE: '14', AUDIT_RETENTION_DAYS: '90', LOG_LEVEL: 'warn', UNRELATED: 'x' });
    expect(config).toEqual({
      TABLE_NAME: 'invitations',
      AWS_REGION: 'us-east-1',
      SENDER_EMAIL: 'invitations@example.com',
      ACCEPT_URL_BASE: 'http://localhost:5173/accept',
      SES_MAX_SEND_RATE: 14,
      INVITATION_RETENTION_DAYS: 30,
      AUDIT_RETENTION_DAYS: 90,
      SEND_LEASE_MS: 20_000,
      LOG_LEVEL: 'warn',
    });
    expect(config).not.toHaveProperty('UNRELATED');
  });

  it('names every broken variable in one error', () => {
    expect(() =>
      loadConfig({ SES_MAX_SEND_RATE: '0', SEND_LEASE_MS: 'soon', LINK_SECRET: 'short', LOG_LEVEL: 'verbose', AUDIT_RETENTION_DAYS: 'Infinity' }),
    ).toThrow('Invalid configuration: TABLE_NAME, LINK_SECRET, SES_MAX_SEND_RATE, AUDIT_RETENTION_DAYS, SEND_LEASE_MS, LOG_LEVEL');
    expect(() => loadConfig({ TABLE_NAME: '' })).toThrow('Invalid configuration: TABLE_NAME');
    expect(() => loadPublisherConfig({ LOG_LEVEL: 'info' })).toThrow('Invalid configuration: EVENT_BUS_NAME');
    expect(loadPublisherConfig({ EVENT_BUS_NAME: 'bus' })).toEqual({ EVENT_BUS_NAME: 'bus', AWS_REGION: 'us-east-1', LOG_LEVEL: 'info' });
    expect(() => loadMaintenanceConfig({ AUDIT_RETENTION_DAYS: 'x' })).toThrow('Invalid configuration: TABLE_NAME, AUDIT_RETENTION_DAYS');
  });

  it('reads a plan catalogue, giving a plan written before the quotas existed the standard quotas', () => {
    const plans = planCatalogue({ PLANS: JSON.stringify({ default: 'free', plans: { free: { pendingInvitations: 5, members: null } } }) });
    expect(plans).toEqual({
      default: 'free',
      plans: { free: { ...defaultPlans.plans.standard, pendingInvitations: 5, members: null, directAdd: false } },
    });
    const unlimited = planCatalogue({
      PLANS: JSON.stringify({
        default: 'big',
        plans: { big: { pendingInvitations: null, members: null, invitationEmailsPerOrgPerDay: null, resendsPerOrgPerDay: null } },
      }),
    });
    expect(unlimited.plans.big).toMatchObject({ invitationEmailsPerOrgPerDay: null, resendsPerOrgPerDay: null, invitationEmailsPerInviterPerDay: 500 });
    expect(planCatalogue({})).toBe(defaultPlans);
  });

  it('refuses a catalogue with a misspelt, missing or out-of-range limit, naming each by its path', () => {
    const catalogue = {
      default: 'free',
      plans: {
        free: { pendingInvitations: 5, membrs: 10, directAdd: 'yes', invitationEmailsPerOrgPerDay: { max: 10, warmUpBase: -1 } },
        Gold: { pendingInvitations: 1.5, members: 1 },
      },
    };
    expect(() => planCatalogue({ PLANS: JSON.stringify(catalogue) })).toThrow(
      'Invalid configuration: PLANS plans.free.membrs, plans.free.invitationEmailsPerOrgPerDay.warmUpBase, plans.free.invitationEmailsPerOrgPerDay.warmUpPerAcceptedInvitation, plans.free.members, plans.free.directAdd, plans.Gold, plans.Gold.pendingInvitations',
    );
    expect(() => planCatalogue({ PLANS: JSON.stringify({ default: 'gold', plans: { free: { pendingInvitations: 1, members: 1 } } }) })).toThrow(
      'PLANS default "gold" is not a plan',
    );
    expect(() => planCatalogue({ PLANS: '[]' })).toThrow('Invalid configuration: PLANS (not an object), default, plans');
    expect(() => planCatalogue({ PLANS: '{' })).toThrow('Invalid configuration: PLANS is not JSON');
  });

  it('reads the reputation thresholds over the defaults, and refuses any out of range', () => {
    expect(sendingGuardConfig({ SENDING_GUARD: '{"minSends": 500, "maxComplaintRate": 0.01}' })).toEqual({
      windowDays: 7,
      minSends: 500,
      maxBounceRate: 0.05,
      maxComplaintRate: 0.01,
    });
    expect(() => sendingGuardConfig({ SENDING_GUARD: '{"windowDays": 31, "minSends": 0.5, "maxBounceRate": 0, "maxComplaintRate": 1.5, "other": 1}' })).toThrow(
      'Invalid configuration: SENDING_GUARD other, windowDays, minSends, maxBounceRate, maxComplaintRate',
    );
  });
});
