import type { AcceptOutcome, Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { domainOf, normalizeEmail } from '../emails.ts';
import { conflict, forbidden, gone } from '../errors.ts';
import { requireVerified } from '../invitations/accept-invitation.ts';
import { memberView } from '../members/member-view.ts';
import type { Actor, Member } from '../model.ts';
import { domainAllowed } from '../orgs/domains.ts';
import { orgView } from '../orgs/org-view.ts';
import { limitsOf } from '../orgs/plans.ts';
import { admitRefused, requireNotMember } from './admit-refusals.ts';
import { findJoinLink } from './find-join-link.ts';
import { type JoinLink, linkAdmits, requireActive } from './join-link.ts';
import { type JoinRequest, joinRequestView } from './join-request.ts';

type Ports = Pick<Deps, 'clock' | 'ids' | 'joinLinks' | 'joinLinkTokens' | 'plans'>;

/**
 * Joining through a link: the rules of accepting an invitation (verified email, the org's allowed
 * domains and the link's, the plan's member limit, a suspended member stays suspended) checked here
 * for a precise answer, then again by the one transaction that writes the membership and takes a use
 * of the link, so concurrent accepts cannot pass `maxUses` or the member limit between them. With
 * `requireApproval` the same use makes a pending join request instead.
 */
export async function acceptJoinLink(deps: Ports, cmd: { token: string; actor: Actor }) {
  requireVerified(cmd.actor);
  const { org, link, member } = await findJoinLink(deps, cmd.token, cmd.actor.userId);
  const now = deps.clock.now();
  requireActive(link, now);
  requireNotMember(member);
  const email = normalizeEmail(cmd.actor.email);
  if (!linkAdmits(link, email) || !domainAllowed(org.settings.allowedDomains, email)) throw forbidden('domain_not_allowed');

  const nowIso = now.toISOString();
  // who joins, the same in the request that waits for an admin and in the membership
  const person = { orgId: org.orgId, userId: cmd.actor.userId, email, name: cmd.actor.name ?? '' };
  const target = auditTarget.person(person);
  if (link.requireApproval) {
    const request: JoinRequest = {
      ...person,
      linkId: link.linkId,
      role: link.role,
      status: 'pending',
      requestedAt: nowIso,
    };
    const event = auditEvent(deps, org.orgId, 'join_request.created', cmd.actor, target, { linkId: link.linkId, role: link.role }, now);
    const outcome = await deps.joinLinks.request({ link, request, now: nowIso, event });
    if (outcome !== 'requested') return refuse(deps, cmd, link, outcome);
    return { kind: 'requested' as const, joinRequest: joinRequestView(request) };
  }

  const joined: Member = {
    ...person,
    role: link.role,
    status: 'active',
    teams: [],
    joinedAt: nowIso,
    invitedBy: link.createdBy,
    ...(cmd.actor.timeZone ? { timeZone: cmd.actor.timeZone } : {}),
  };
  const events = [auditEvent(deps, org.orgId, 'member.added', cmd.actor, target, { role: link.role, via: 'join_link', linkId: link.linkId }, now)];
  const outcome = await deps.joinLinks.accept({
    link,
    org,
    member: joined,
    domain: domainOf(email),
    memberLimit: limitsOf(deps.plans, org.plan).members,
    now: nowIso,
    events,
  });
  if (outcome !== 'joined') return refuse(deps, cmd, link, outcome);
  return { kind: 'joined' as const, membership: memberView(joined), org: orgView({ ...org, memberCount: org.memberCount + 1 }) };
}

/** A refused write, answered from what refused it; a dead link is read again to say why it died. */
async function refuse(deps: Ports, cmd: { token: string; actor: Actor }, link: JoinLink, outcome: AcceptOutcome): Promise<never> {
  if (outcome === 'link_dead') {
    const again = await findJoinLink(deps, cmd.token, cmd.actor.userId);
    requireActive(again.link, deps.clock.now());
    // read active after its write was refused: the uses counter only grows, so it was full then
    throw gone('join_link_used_up');
  }
  if (outcome === 'org_gone') throw gone('join_link_revoked');
  if (outcome === 'request_pending') throw conflict('join_request_pending');
  if (outcome === 'joined' || outcome === 'requested') throw new Error(`join link ${link.linkId}: unexpected outcome ${outcome}`);
  throw admitRefused(outcome);
}
