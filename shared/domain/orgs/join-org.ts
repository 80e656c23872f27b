import type { Deps } from '../../ports.ts';
import { accessEnded } from '../access.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { domainOf } from '../emails.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { requireVerified } from '../invitations/accept-invitation.ts';
import { memberView } from '../members/member-view.ts';
import type { Actor, Member, Org } from '../model.ts';
import { autoJoinAdmits } from './domains.ts';
import { orgView } from './org-view.ts';
import { limitsOf } from './plans.ts';

const MAX_ATTEMPTS = 3;

/**
 * Auto-join: a signed-in user whose verified email domain the org lists joins with the org's
 * auto-join role. The checks here give each refusal its own answer; the write re-checks the policy
 * and the member limit on the org item itself, so a concurrent settings change or a burst of joins
 * cannot slip past them.
 */
export async function joinOrg(deps: Pick<Deps, 'autoJoin' | 'clock' | 'ids' | 'orgs' | 'plans'>, cmd: { orgId: string; actor: Actor }, attempt = 1) {
  requireVerified(cmd.actor);
  const { org, member } = await deps.orgs.getWithMember(cmd.orgId, cmd.actor.userId);
  if (!org) throw notFound('org_not_found');
  const now = deps.clock.now();
  // a member whose access has ended is an outsider from that instant, whether or not the removal has run
  requireJoinable(org, member && !accessEnded(member, now) ? member : null, cmd.actor);

  const domain = domainOf(cmd.actor.email);
  const joined: Member = {
    orgId: org.orgId,
    userId: cmd.actor.userId,
    email: cmd.actor.email,
    name: cmd.actor.name ?? '',
    role: org.settings.autoJoin.role,
    status: 'active',
    teams: [],
    joinedAt: now.toISOString(),
    invitedBy: null,
    ...(cmd.actor.timeZone ? { timeZone: cmd.actor.timeZone } : {}),
  };
  const event = auditEvent(deps, org.orgId, 'member.added', cmd.actor, auditTarget.person(joined), { role: joined.role, via: 'auto_join', domain }, now);
  const outcome = await deps.autoJoin.join({ org, member: joined, domain, memberLimit: limitsOf(deps.plans, org.plan).members, event });
  if (outcome === 'member_limit_reached') throw conflict('member_limit_reached');
  if (outcome === 'already_member') throw conflict('already_member');
  // an admin chose a role and teams for this person: they join through that invitation, not around it
  if (outcome === 'already_invited') throw conflict('already_invited');
  if (outcome === 'policy_changed') {
    // the settings changed between the read and the write: decide again on what is stored now
    if (attempt >= MAX_ATTEMPTS) throw conflict('concurrent_update');
    return joinOrg(deps, cmd, attempt + 1);
  }
  return { membership: memberView(joined), org: orgView({ ...org, memberCount: org.memberCount + 1 }) };
}

function requireJoinable(org: Org, member: Member | null, actor: Actor): void {
  if (member?.status === 'active') throw conflict('already_member');
  if (member?.status === 'suspended') throw conflict('member_suspended');
  if (!org.settings.autoJoin.enabled) throw forbidden('auto_join_disabled');
  if (!autoJoinAdmits(org.settings, actor.email)) throw forbidden('domain_not_allowed');
}

/** Orgs the caller could join by their verified email domain (AP10), without the ones they are already in. */
export async function listJoinableOrgs(deps: Pick<Deps, 'autoJoin'>, cmd: { actor: Actor; limit: number; cursor?: string }) {
  requireVerified(cmd.actor);
  const page = await deps.autoJoin.listForDomain(
    domainOf(cmd.actor.email),
    { userId: cmd.actor.userId, email: cmd.actor.email },
    {
      limit: cmd.limit,
      ...(cmd.cursor !== undefined ? { cursor: cmd.cursor } : {}),
    },
  );
  return {
    items: page.items
      // an org with an invitation to the caller pending is joined by accepting it (GET /me/invitations)
      .filter(({ org, member, invitationPending }) => member === null && !invitationPending && autoJoinAdmits(org.settings, cmd.actor.email))
      .map(({ org }) => ({ orgId: org.orgId, name: org.name, role: org.settings.autoJoin.role })),
    nextCursor: page.nextCursor,
  };
}
