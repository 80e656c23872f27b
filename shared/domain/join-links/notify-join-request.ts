import type { Deps, ReputationStore } from '../../ports.ts';
import { DomainError } from '../errors.ts';
import { orgEmailAllowance, withinQuotas } from '../limits/send-limits.ts';
import { joinRequestedEmail } from '../notifications/join-request-email.ts';
import { lookOf } from '../notifications/layout.ts';
import { type SendOnceDeps, sendIdOf, sendOnce } from '../notifications/send-once.ts';
import { limitsOf } from '../orgs/plans.ts';
import type { JoinRequest } from './join-request.ts';

export type JoinRequestNoticeDeps = Pick<Deps, 'orgs' | 'members' | 'urls' | 'plans' | 'quotas'> & { reputation: ReputationStore } & SendOnceDeps;

/** The org's active admins that are told (as for renewal requests: an org with more reviews them in the console). */
const ADMINS_TOLD = 50;

/**
 * The stream dispatcher calls this for each join request made (a new one, or one made again after a
 * denial): every active admin gets an email pointing at the console's join links page. The sends obey
 * what holds invitation emails back: nothing while the org's sending is paused (sending-guard.ts), not
 * to an admin address that bounced or complained in this org, and each counts against the org's daily
 * invitation-email allowance; one that does not fit today is not sent (the request waits in the
 * console all the same). Safe to repeat: one send per request, admin and request time.
 */
export async function notifyAdminsOfJoinRequest(deps: JoinRequestNoticeDeps, r: JoinRequest): Promise<{ sent: number; held: number }> {
  const out = { sent: 0, held: 0 };
  const org = await deps.orgs.get(r.orgId);
  // a deleted org emails nobody
  if (!org) return out;
  const admins = (await deps.members.list(org.orgId, { roles: ['admin'], statuses: ['active'], at: deps.clock.now() }, { limit: ADMINS_TOLD })).items;
  if (org.sending?.status === 'paused') return { ...out, held: admins.length };
  const allowance = orgEmailAllowance(limitsOf(deps.plans, org.plan), org);
  const quota = allowance === null ? [] : [{ counter: { name: 'org_invitation_emails' as const, owner: org.orgId }, limit: allowance }];
  for (const admin of admins) {
    if (await deps.reputation.suppression(org.orgId, admin.email)) {
      out.held++;
      continue;
    }
    const message = joinRequestedEmail(
      { to: admin.email, requesterName: r.name, requesterEmail: r.email, role: r.role, reviewUrl: deps.urls.joinRequests(org.orgId) },
      // the admin's own language when known (the invitation they joined with), else the org's
      lookOf(org, admin.locale, admin.timeZone),
    );
    try {
      const sent = await withinQuotas(deps, quota, 1, async () => {
        const s = await sendOnce(deps, sendIdOf('joinrequest', org.orgId, r.userId, Date.parse(r.requestedAt), admin.userId), {
          ...message,
          tags: { orgId: org.orgId, kind: 'join_request' },
        });
        return s.outcome === 'sent' ? { result: 1, used: 1 } : { result: 0, used: 0 };
      });
      out.sent += sent;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'invitation_limit_reached') return { ...out, held: out.held + 1 };
      throw error;
    }
  }
  return out;
}
