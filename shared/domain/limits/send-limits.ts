import type { Clock, QuotaStore } from '../../ports.ts';
import type { Org } from '../model.ts';
import type { PlanLimits } from '../orgs/plans.ts';
import { dailyWindow, type QuotaRequest, quotaExceeded } from './quotas.ts';

/**
 * An org's invitation emails for today. A new org starts small and earns more with every invitation
 * that was accepted, the way mail providers warm up a new sender on the mail its recipients wanted:
 * a throwaway account's org cannot send much, a real team soon does not notice the limit. Members who
 * came another way (auto-join, a direct add) earn nothing: they say nothing about the emails sent.
 */
export function orgEmailAllowance(limits: PlanLimits, org: Pick<Org, 'acceptedInvitations'>): number | null {
  const o = limits.invitationEmailsPerOrgPerDay;
  if (!o) return null;
  return Math.min(o.max, o.warmUpBase + o.warmUpPerAcceptedInvitation * (org.acceptedInvitations ?? 0));
}

/** The counters an invitation email counts against: its org's and its inviter's (across all their orgs). */
export function invitationQuotas(limits: PlanLimits, org: Pick<Org, 'orgId' | 'acceptedInvitations'>, inviterId: string): QuotaRequest[] {
  const out: QuotaRequest[] = [];
  const orgLimit = orgEmailAllowance(limits, org);
  if (orgLimit !== null) out.push({ counter: { name: 'org_invitation_emails', owner: org.orgId }, limit: orgLimit });
  if (limits.invitationEmailsPerInviterPerDay !== null) {
    out.push({ counter: { name: 'inviter_invitation_emails', owner: inviterId }, limit: limits.invitationEmailsPerInviterPerDay });
  }
  return out;
}

/**
 * Reserves `n` places on every counter (all or none), runs `work`, and gives back what it did not
 * use (`work` returns how many it used; on a throw, all of them). A crash between the reservation and
 * the give-back leaves a counter high: it can only refuse early, never let more through.
 */
export async function withinQuotas<T>(
  deps: { quotas: QuotaStore; clock: Clock },
  requests: QuotaRequest[],
  n: number,
  work: () => Promise<{ result: T; used: number }>,
): Promise<T> {
  const now = deps.clock.now();
  const window = dailyWindow(now);
  const refused = await deps.quotas.reserve(requests, n, window, now);
  if (refused) throw quotaExceeded(refused.refused, refused.used, n, window);
  let used = 0;
  try {
    const out = await work();
    used = out.used;
    return out.result;
  } finally {
    if (n - used > 0) await deps.quotas.release(requests, n - used, window);
  }
}

/**
 * What `withinQuotas` would answer for `n` places, without reserving them: the same 429 (code,
 * detail, `rateLimit`) if a counter has no room, else nothing. For the invite dry run; a concurrent
 * request can still take the places between this read and the real invite.
 */
export async function predictQuotas(deps: { quotas: QuotaStore; clock: Clock }, requests: QuotaRequest[], n: number): Promise<void> {
  if (requests.length === 0 || n <= 0) return;
  const now = deps.clock.now();
  const window = dailyWindow(now);
  const used = await deps.quotas.used(
    requests.map((r) => r.counter),
    window,
  );
  requests.forEach((r, i) => {
    const u = used[i] ?? 0;
    if (u + n > r.limit) throw quotaExceeded(r, u, n, window);
  });
}

/**
 * An org's limits as its admins see them (Settings): the plan's pending-invitation and member limits,
 * and today's invitation emails against the org's daily allowance (null: no org quota).
 */
export async function orgLimitsView(deps: { quotas: QuotaStore; clock: Clock }, limits: PlanLimits, org: Pick<Org, 'orgId' | 'acceptedInvitations'>) {
  const window = dailyWindow(deps.clock.now());
  const [sentToday = 0] = await deps.quotas.used([{ name: 'org_invitation_emails', owner: org.orgId }], window);
  return {
    pendingInvitations: limits.pendingInvitations,
    members: limits.members,
    invitationEmailsToday: {
      sent: sentToday,
      allowance: orgEmailAllowance(limits, org),
      // the window is a UTC day (its id the date): it ends at the next midnight, exactly
      resetsAt: new Date(Date.parse(window.id) + window.seconds * 1000).toISOString(),
    },
  };
}
export type OrgLimitsView = Awaited<ReturnType<typeof orgLimitsView>>;
