import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { normalizeEmail } from '../emails.ts';
import { conflict, forbidden, gone, notFound } from '../errors.ts';
import { isPermanentAdmin } from '../members/member-rules.ts';
import { memberView } from '../members/member-view.ts';
import type { Actor, DeletedOrg, Invitation, Member, Org } from '../model.ts';
import { orgView } from '../orgs/org-view.ts';
import { limitsOf } from '../orgs/plans.ts';
import { findByLink } from './find-by-link.ts';
import { effectiveStatus, requireUsable } from './invitation.ts';

export function requireVerified(actor: Actor): void {
  if (!actor.emailVerified) throw forbidden('email_not_verified');
}

/** The invitee behind a link must be the person it was sent to, by verified email. */
export function requireInvitee(inv: Invitation, actor: Actor): void {
  requireVerified(actor);
  if (inv.email !== normalizeEmail(actor.email)) throw forbidden('email_mismatch');
}

export async function acceptInvitation(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links' | 'plans' | 'teams'>, cmd: { token: string; actor: Actor }) {
  requireVerified(cmd.actor);
  const found = await findByLink(deps, cmd.token, cmd.actor.userId);
  if (!found) throw notFound('invitation_not_found');
  return acceptLoaded(deps, found, cmd.actor);
}

/**
 * Shared by the link and the signed-in (/me) paths. The write is a guarded transition
 * (pending and unexpired -> accepted): when two accepts race, exactly one transaction passes its
 * condition; the loser re-reads and answers as if it had arrived second.
 */
export async function acceptLoaded(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'plans' | 'teams'>,
  loaded: { invitation: Invitation; org: Org | null; member: Member | null; deletedOrg?: DeletedOrg },
  actor: Actor,
  attempt = 0,
): Promise<{ membership: ReturnType<typeof memberView>; org: ReturnType<typeof orgView> }> {
  const { invitation: inv, org, member } = loaded;
  // the org was deleted (also between this accept's read and its write, which the org's condition refused)
  if (loaded.deletedOrg) throw gone('invitation_revoked');
  if (!org) throw notFound('invitation_not_found');
  const now = deps.clock.now();
  if (effectiveStatus(inv, now) === 'accepted' && inv.acceptedBy === actor.userId) {
    // A suspended member is an outsider everywhere: their old link must not show them the org either.
    if (member?.status === 'suspended') throw conflict('member_suspended');
    if (member) return { membership: memberView(member), org: orgView(org) }; // a retried accept is answered, not refused
    // BatchGetItem is not isolated from a transaction as a whole: right after a concurrent accept by
    // this same person it can show the invitation accepted before their membership. Read again.
    if (attempt <= MAX_RETRIES) return acceptLoaded(deps, await reread(deps, inv, actor, attempt), actor, attempt + 1);
  }
  requireInvitee(inv, actor);
  requireUsable(inv, now);
  if (member?.status === 'suspended') throw conflict('member_suspended');

  const nowIso = now.toISOString();
  const alreadyMember = member?.status === 'active';
  // Teams deleted since the invitation was sent are skipped; the write re-checks the rest.
  const live = inv.teams.length > 0 && !alreadyMember ? new Set((await deps.teams.existing(org.orgId, inv.teams)).map((t) => t.teamId)) : new Set<string>();
  const joined: Member = alreadyMember
    ? (member as Member)
    : {
        orgId: org.orgId,
        userId: actor.userId,
        email: inv.email,
        name: actor.name ?? [inv.firstName, inv.lastName].filter(Boolean).join(' '),
        role: inv.role,
        status: 'active',
        teams: inv.teams.filter((t) => live.has(t)),
        joinedAt: nowIso,
        invitedBy: inv.invitedBy,
        ...(inv.products ? { products: inv.products } : {}),
        ...(inv.accessUntil ? { accessUntil: inv.accessUntil } : {}),
        ...(inv.locale ? { locale: inv.locale } : {}),
        // the person's own zone (their token's zoneinfo) over the one the admin guessed
        ...((actor.timeZone ?? inv.timeZone) ? { timeZone: (actor.timeZone ?? inv.timeZone) as string } : {}),
      };
  // The org's first primary contact, named by the admin in the invitation; if someone became it in
  // the meantime, the write's condition fails and the re-read accepts without it.
  const becomesPrimaryContact = !alreadyMember && inv.primaryContact === true && !org.primaryContactUserId;
  const events = [
    auditEvent(deps, org.orgId, 'invitation.accepted', actor, auditTarget.invitation(inv), { role: inv.role, invitedBy: inv.invitedBy.userId }, now),
  ];
  if (!alreadyMember) {
    events.push(
      auditEvent(
        deps,
        org.orgId,
        'member.added',
        actor,
        { userId: actor.userId, email: inv.email },
        { role: inv.role, via: 'invitation', invitationId: inv.invitationId, ...(inv.accessUntil ? { accessUntil: inv.accessUntil } : {}) },
        now,
      ),
    );
  }
  if (becomesPrimaryContact) {
    events.push(
      auditEvent(
        deps,
        org.orgId,
        'member.primary_contact_changed',
        actor,
        { userId: actor.userId, email: inv.email },
        { from: null, to: actor.userId, via: 'invitation', invitationId: inv.invitationId },
        now,
      ),
    );
  }
  const outcome = await deps.invitations.accept({
    invitation: inv,
    org,
    member: joined,
    alreadyMember,
    memberLimit: limitsOf(deps.plans, org.plan).members,
    now: nowIso,
    events,
    ...(becomesPrimaryContact ? { becomesPrimaryContact } : {}),
  });
  if (outcome === 'member_limit_reached') throw conflict('member_limit_reached');
  if (outcome === 'inviter_not_admin') {
    await revokeOrphaned(deps, inv, now);
    throw gone('invitation_revoked');
  }
  if (outcome !== 'accepted') {
    // Lost a race (a concurrent accept, revoke, or membership change): answer from the state that won.
    if (attempt > MAX_RETRIES) throw conflict('invitation_not_pending');
    return acceptLoaded(deps, await reread(deps, inv, actor, attempt), actor, attempt + 1);
  }
  const counted = alreadyMember
    ? org
    : {
        ...org,
        memberCount: org.memberCount + 1,
        adminCount: org.adminCount + (isPermanentAdmin(joined) ? 1 : 0),
        pendingCount: Math.max(0, org.pendingCount - 1),
        ...(becomesPrimaryContact ? { primaryContactUserId: joined.userId } : {}),
      };
  return { membership: memberView(joined, counted.primaryContactUserId ?? ''), org: orgView(counted) };
}

/** Closes an invitation whose inviter lost the admin role before the follow-up revocations reached it. */
async function revokeOrphaned(deps: Pick<Deps, 'clock' | 'ids' | 'invitations'>, inv: Invitation, now: Date): Promise<void> {
  const event = auditEvent(
    deps,
    inv.orgId,
    'invitation.revoked',
    'system',
    auditTarget.invitation(inv),
    { reason: 'inviter_not_admin', inviter: inv.invitedBy.userId },
    now,
  );
  await deps.invitations.transition({ invitation: inv, to: 'revoked', by: 'system', now: now.toISOString(), event });
}

const MAX_RETRIES = 4;

/** After a lost race: a short, growing, jittered pause (the winner may still be writing), then read again. */
async function reread(deps: Pick<Deps, 'invitations'>, inv: Invitation, actor: Actor, attempt: number) {
  await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 10));
  const again = await deps.invitations.loadWithOrg(inv.orgId, inv.invitationId, actor.userId);
  if (!again.invitation) throw notFound('invitation_not_found');
  return { ...again, invitation: again.invitation };
}
