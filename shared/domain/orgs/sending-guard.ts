import type { Clock, Ids, ReputationStore } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { HoldReason, OrgSending, Tally } from '../model.ts';

/**
 * The sender reputation guard (issue 17, item 6). SES reviews an account whose bounce rate passes
 * 5 % or complaint rate 0.1 %, and pauses it for everyone: one careless tenant would stop every
 * org's invitations. So each org's own rates are kept over a sliding window of daily buckets, and
 * an org past a threshold has its sending paused until an operator resumes it.
 */
export interface SendingGuardConfig {
  /** Days summed (today and the days before it). */
  windowDays: number;
  /** Sends in the window below which a rate means nothing (two bounces out of three sends is not a pattern). */
  minSends: number;
  /** Fractions: 0.05 is 5 %. */
  maxBounceRate: number;
  maxComplaintRate: number;
}

/** SES's review thresholds; operators change them with the `sendingGuard` context (docs/deploy.md). */
export const defaultSendingGuard: SendingGuardConfig = { windowDays: 7, minSends: 100, maxBounceRate: 0.05, maxComplaintRate: 0.001 };

export const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The first and last day of the window ending today. */
export function windowOf(now: Date, cfg: Pick<SendingGuardConfig, 'windowDays'>): { from: string; to: string } {
  const from = new Date(now.getTime() - (cfg.windowDays - 1) * 86_400_000);
  return { from: dayOf(from), to: dayOf(now) };
}

const zero: Tally = { sent: 0, bounced: 0, complained: 0 };
const plus = (a: Tally, b: Tally): Tally => ({ sent: a.sent + b.sent, bounced: a.bounced + b.bounced, complained: a.complained + b.complained });

/**
 * The window's tally from its daily buckets. After a resume only what came after it counts: the
 * days before the resume are left out and the resume day's count at the resume is taken off.
 */
export function windowTally(days: Record<string, Tally>, sending: OrgSending | undefined): Tally {
  const base = sending?.status === 'active' ? sending.baseline : undefined;
  let total = zero;
  for (const [day, t] of Object.entries(days)) {
    if (base && day < base.day) continue;
    total = plus(
      total,
      base && day === base.day ? { sent: t.sent - base.sent, bounced: t.bounced - base.bounced, complained: t.complained - base.complained } : t,
    );
  }
  return { sent: Math.max(0, total.sent), bounced: Math.max(0, total.bounced), complained: Math.max(0, total.complained) };
}

/** Null while the org is within the thresholds (or has too few sends to judge); else why and the rates. */
export function overThreshold(t: Tally, cfg: SendingGuardConfig): Pick<OrgSending, 'reason' | 'rates'> | null {
  if (t.sent < cfg.minSends || t.sent === 0) return null;
  const rates = { ...t, bounceRate: t.bounced / t.sent, complaintRate: t.complained / t.sent };
  // complaints first: they weigh most with mailbox providers and SES
  if (rates.complaintRate > cfg.maxComplaintRate) return { reason: 'complaint_rate', rates };
  if (rates.bounceRate > cfg.maxBounceRate) return { reason: 'bounce_rate', rates };
  return null;
}

export type GuardDeps = { clock: Clock; ids: Ids; reputation: ReputationStore; sendingGuard: SendingGuardConfig };

/**
 * Called after a bounce or complaint was counted: pauses the org if its window is now over a
 * threshold. The pause is one conditional write with its audit event, so of many events crossing
 * the line at once exactly one pauses (and is audited).
 */
export async function guardOrg(deps: GuardDeps, orgId: string): Promise<'paused' | 'within' | 'already_paused'> {
  const now = deps.clock.now();
  const { org, days } = await deps.reputation.read(orgId, windowOf(now, deps.sendingGuard));
  if (!org) return 'within';
  if (org.sending?.status === 'paused') return 'already_paused';
  const over = overThreshold(windowTally(days, org.sending), deps.sendingGuard);
  if (!over) return 'within';
  const sending: OrgSending = { status: 'paused', since: now.toISOString(), ...over };
  const event = auditEvent(
    deps,
    orgId,
    'org.sending_paused',
    'system',
    { orgId },
    {
      reason: over.reason,
      rates: over.rates,
      thresholds: {
        maxBounceRate: deps.sendingGuard.maxBounceRate,
        maxComplaintRate: deps.sendingGuard.maxComplaintRate,
        minSends: deps.sendingGuard.minSends,
        windowDays: deps.sendingGuard.windowDays,
      },
    },
    now,
  );
  const outcome = await deps.reputation.pause(orgId, sending, event);
  return outcome === 'paused' ? 'paused' : 'already_paused';
}

/**
 * The operator's resume (scripts/resume-sending.ts): the org sends again, judged afresh from now
 * on, and its invitations held by the pause are queued again (the dispatcher sends them).
 * Addresses that bounced or complained stay held: only an admin's confirmed resend lifts those.
 */
export async function resumeSending(deps: Omit<GuardDeps, 'sendingGuard'>, cmd: { orgId: string; operator: string }) {
  const now = deps.clock.now();
  const today = dayOf(now);
  const { org, days } = await deps.reputation.read(cmd.orgId, { from: today, to: today });
  if (!org) throw notFound('org_not_found');
  if (org.sending?.status !== 'paused') return { orgId: cmd.orgId, resumed: false, requeued: 0 };
  const sending: OrgSending = { status: 'active', since: now.toISOString(), resumedBy: cmd.operator, baseline: { day: today, ...(days[today] ?? zero) } };
  const event = auditEvent(
    deps,
    cmd.orgId,
    'org.sending_resumed',
    'system',
    { orgId: cmd.orgId },
    {
      operator: cmd.operator,
      pausedSince: org.sending.since,
      reason: org.sending.reason ?? null,
      rates: org.sending.rates ?? null,
    },
    now,
  );
  const outcome = await deps.reputation.resume(cmd.orgId, org.sending.since, sending, event);
  if (outcome !== 'resumed') return { orgId: cmd.orgId, resumed: false, requeued: 0 };
  const requeued = await deps.reputation.requeueHeld(cmd.orgId, now.toISOString());
  return { orgId: cmd.orgId, resumed: true, requeued };
}

/** The org's sending as admins see it on GET /orgs/{orgId}. */
export function sendingView(sending: OrgSending | undefined) {
  if (sending?.status !== 'paused') return { status: 'active' as const };
  return {
    status: 'paused' as const,
    reason: sending.reason ?? 'bounce_rate',
    since: sending.since,
    ...(sending.rates ? { rates: sending.rates } : {}),
  };
}

/** What a held invitation's `delivery.detail` tells the admin. */
export const holdDetail: Record<HoldReason, string> = {
  sending_paused: 'Sending is paused for this organization: its bounce or complaint rate is over the limit. An operator resumes it.',
  address_bounced: 'This address hard-bounced an earlier email from this organization. Resend with confirmUndeliverable: true to email it again.',
  address_complained: 'This address reported an earlier email from this organization as spam. Resend with confirmUndeliverable: true to email it again.',
};
