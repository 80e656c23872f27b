import type { Deps } from '../../ports.ts';
import { invitationQuotas, predictQuotas } from '../limits/send-limits.ts';
import { directAddAllowed } from '../members/direct-add.ts';
import { domainAllowed } from '../orgs/domains.ts';
import { limitsOf } from '../orgs/plans.ts';
import type { InviteCommand } from './invite-members.ts';
import { checkInviteRequest } from './invite-request.ts';

/** What inviting would do for one recipient: `ready` (invited), `would_add` (added at once by direct add) or why not. */
export type CheckStatus =
  | 'ready'
  | 'would_add'
  | 'invalid_email'
  | 'domain_not_allowed'
  | 'already_member'
  | 'member_suspended'
  | 'already_invited'
  | 'pending_limit_reached';

export interface CheckResult {
  email: string;
  status: CheckStatus;
  /** = status when the recipient would not be invited or added. */
  code?: string;
}

/**
 * The invite dialog's dry run: the same request as `inviteMembers`, the same refusals of the whole
 * request (permission, roles above one's own, unknown teams or products, a second primary contact,
 * and the daily email quotas' 429), and per recipient what inviting would answer, read from the
 * email claims, known users and the plan's pending limit. Writes nothing, reserves no quota and sends
 * nothing; a concurrent invitation can still change the outcome.
 */
export async function checkRecipients(deps: Pick<Deps, 'clock' | 'invitations' | 'members' | 'orgs' | 'plans' | 'quotas' | 'teams'>, cmd: InviteCommand) {
  const { org, caller, recipients } = await checkInviteRequest(deps, cmd);

  const reachable = recipients.filter((r) => r.valid && domainAllowed(org.settings.allowedDomains, r.email));
  const claims = await deps.invitations.claimsOf(
    org.orgId,
    reachable.map((r) => r.email),
  );
  // as inviteMembers: a primary contact or product access travels with an invitation, so those are never added directly
  const directable = reachable.filter((r) => !r.primaryContact && !r.products && !r.accessUntil && directAddAllowed(deps.plans, org, r.email, cmd.sendEmail));
  const known = directable.length > 0 ? await deps.members.knownUsers(directable.map((r) => r.email)) : new Map();
  const now = deps.clock.now().toISOString();

  const results = recipients.map((r): CheckResult => {
    if (!r.valid) return { email: r.input, status: 'invalid_email', code: 'invalid_email' };
    if (!domainAllowed(org.settings.allowedDomains, r.email)) return { email: r.email, status: 'domain_not_allowed', code: 'domain_not_allowed' };
    const claim = claims.get(r.email);
    // an expired invitation's claim is closed and replaced when inviting (expireDueInOrg)
    const blocking = claim && !(claim.holder === 'already_invited' && claim.expiresAt !== undefined && claim.expiresAt <= now);
    if (claim && blocking) return { email: r.email, status: claim.holder, code: claim.holder };
    if (known.has(r.email) && directable.includes(r)) return { email: r.email, status: 'would_add' };
    return { email: r.email, status: 'ready' };
  });

  // Inviting reserves one email on the org's and the inviter's daily quotas for every recipient it may
  // reach (all but the invalid and the disallowed: an invitation or a direct add's email), before it
  // writes, and refuses the whole request when they do not fit: the same 429 here, from a read of the counters.
  const limits = limitsOf(deps.plans, org.plan);
  if (cmd.sendEmail) await predictQuotas(deps, invitationQuotas(limits, org, caller.userId), reachable.length);

  // Of the new invitations, those past the plan's room for pending ones are refused one by one, in order.
  if (limits.pendingInvitations !== null && results.some((r) => r.status === 'ready')) {
    let room = Math.max(0, limits.pendingInvitations - (await deps.orgs.countPending(org.orgId, now)));
    for (const r of results) {
      if (r.status !== 'ready') continue;
      if (room > 0) room--;
      else Object.assign(r, { status: 'pending_limit_reached', code: 'pending_limit_reached' });
    }
  }
  return { dryRun: true as const, results };
}
