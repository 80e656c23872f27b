import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { domainOf } from '../emails.ts';
import { conflict, forbidden, gone, notFound } from '../errors.ts';
import { memberView } from '../members/member-view.ts';
import type { Actor, Member } from '../model.ts';
import { domainAllowed } from '../orgs/domains.ts';
import { limitsOf } from '../orgs/plans.ts';
import { admitRefused, requireNotMember } from './admit-refusals.ts';
import { joinRequestView } from './join-request.ts';
import { loadRequestAsAdmin } from './load-request-as-admin.ts';

/**
 * An admin lets a requester in. The membership is written as a link's accept writes it (the org's
 * allowed domains, the member limit, a live org, the email unclaimed), in the same transaction that
 * moves the request from pending and checks that its link was not revoked: an approval racing a
 * revoke, or another admin's decision, lands before it or is refused.
 */
export async function approveJoinRequest(deps: Pick<Deps, 'clock' | 'ids' | 'joinLinks' | 'plans'>, cmd: { orgId: string; requestId: string; actor: Actor }) {
  const { org, request, member } = await loadRequestAsAdmin(deps, cmd.orgId, cmd.requestId, cmd.actor);
  if (request.status !== 'pending') throw conflict('join_request_not_pending');
  requireNotMember(member);
  if (!domainAllowed(org.settings.allowedDomains, request.email)) throw forbidden('domain_not_allowed');

  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const joined: Member = {
    orgId: org.orgId,
    userId: request.userId,
    email: request.email,
    name: request.name,
    role: request.role,
    status: 'active',
    teams: [],
    joinedAt: nowIso,
    invitedBy: { userId: cmd.actor.userId, name: cmd.actor.name ?? '' },
  };
  const target = { userId: request.userId, email: request.email };
  const events = [
    auditEvent(deps, org.orgId, 'join_request.approved', cmd.actor, target, { linkId: request.linkId, role: request.role }, now),
    auditEvent(deps, org.orgId, 'member.added', cmd.actor, target, { role: request.role, via: 'join_request', linkId: request.linkId }, now),
  ];
  const outcome = await deps.joinLinks.approve({
    request,
    org,
    member: joined,
    domain: domainOf(request.email),
    memberLimit: limitsOf(deps.plans, org.plan).members,
    now: nowIso,
    adminUserId: cmd.actor.userId,
    events,
  });
  switch (outcome) {
    case 'approved':
      return {
        joinRequest: joinRequestView({ ...request, status: 'approved', decidedAt: nowIso, decidedBy: cmd.actor.userId }),
        membership: memberView(joined),
      };
    case 'not_pending':
      throw conflict('join_request_not_pending');
    case 'link_revoked':
      throw gone('join_link_revoked');
    case 'org_gone':
    case 'not_admin':
      throw notFound('org_not_found');
    default:
      throw admitRefused(outcome);
  }
}
