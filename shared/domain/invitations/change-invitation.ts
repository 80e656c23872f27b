import type { Deps } from '../../ports.ts';
import { requireCapability } from '../access.ts';
import { auditEvent } from '../audit.ts';
import { conflict, notFound } from '../errors.ts';
import { withinQuotas } from '../limits/send-limits.ts';
import type { Actor, Invitation } from '../model.ts';
import { limitsOf } from '../orgs/plans.ts';
import { requireInvitee } from './accept-invitation.ts';
import { findByLink } from './find-by-link.ts';
import { effectiveStatus, invitationView, nextResendWindow, requireUsable } from './invitation.ts';

/**
 * The org, the caller's membership and the invitation in one read (BatchGetItem), then the rules, in
 * this order so outsiders learn nothing about the org or its invitations; admins get the precise answer.
 */
async function loadInvitationAsAdmin(deps: Pick<Deps, 'invitations'>, orgId: string, invitationId: string, actor: Actor) {
  const loaded = await deps.invitations.loadWithOrg(orgId, invitationId, actor.userId);
  const caller = requireCapability(loaded.member, 'invitations.manage');
  if (!loaded.org) throw notFound('org_not_found');
  if (!loaded.invitation) throw notFound('invitation_not_found');
  return { org: loaded.org, caller, invitation: loaded.invitation };
}

export async function getInvitation(deps: Pick<Deps, 'clock' | 'invitations'>, cmd: { orgId: string; invitationId: string; actor: Actor }) {
  const { invitation } = await loadInvitationAsAdmin(deps, cmd.orgId, cmd.invitationId, cmd.actor);
  return { invitation: invitationView(invitation, deps.clock.now()) };
}

export async function revokeInvitation(deps: Pick<Deps, 'clock' | 'ids' | 'invitations'>, cmd: { orgId: string; invitationId: string; actor: Actor }) {
  const { invitation } = await loadInvitationAsAdmin(deps, cmd.orgId, cmd.invitationId, cmd.actor);
  const now = deps.clock.now();
  if (effectiveStatus(invitation, now) !== 'pending') throw conflict('invitation_not_pending');
  const event = auditEvent(deps, invitation.orgId, 'invitation.revoked', cmd.actor,
    { invitationId: invitation.invitationId, email: invitation.email }, {}, now);
  // The condition (still pending and unexpired) is what decides a race with accept, not the check above.
  const outcome = await deps.invitations.transition({ invitation, to: 'revoked', by: cmd.actor.userId, now: now.toISOString(), event });
  if (outcome !== 'done') throw conflict('invitation_not_pending');
  const revoked = { ...invitation, status: 'revoked' as const, revokedAt: now.toISOString(), revokedBy: cmd.actor.userId };
  return { invitation: invitationView(revoked, now) };
}

export async function resendInvitation(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links' | 'plans' | 'quotas'>,
  cmd: { orgId: string; invitationId: string; actor: Actor; confirmUndeliverable?: boolean },
) {
  const { invitation, org } = await loadInvitationAsAdmin(deps, cmd.orgId, cmd.invitationId, cmd.actor);
  // An address that hard-bounced or complained is not emailed again by a plain resend: mailing it
  // again is what costs every tenant their SES reputation. The admin must say they mean it.
  // The same holds for an address the org suppressed after it bounced or complained on another
  // invitation (delivery `paused`, reason address_*): the confirmed resend is what lifts it.
  const problem = undeliverable(invitation);
  if (problem && !cmd.confirmUndeliverable) {
    throw conflict('delivery_problem_unconfirmed', { detail: `The last email to this address ${problem === 'bounced' ? 'bounced' : 'was reported as spam'}; resend with confirmUndeliverable: true to email it again.` });
  }
  const perDay = limitsOf(deps.plans, org.plan).resendsPerOrgPerDay;
  const quota = perDay === null ? [] : [{ counter: { name: 'org_resends' as const, owner: org.orgId }, limit: perDay }];
  // the org's daily count is reserved first and given back when the resend is refused for another reason
  return withinQuotas(deps, quota, 1, async () => ({ result: await resendLoaded(deps, invitation, cmd.actor, cmd.confirmUndeliverable === true), used: 1 }));
}

function undeliverable(inv: Invitation): 'bounced' | 'complained' | null {
  const d = inv.delivery;
  if (d?.status === 'bounced' || d?.status === 'complained') return d.status;
  if (d?.status === 'paused' && d.reason === 'address_bounced') return 'bounced';
  if (d?.status === 'paused' && d.reason === 'address_complained') return 'complained';
  return null;
}

async function resendLoaded(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links'>, invitation: Invitation, actor: Actor, confirmed: boolean) {
  const cmd = { actor };
  const now = deps.clock.now();
  if (effectiveStatus(invitation, now) !== 'pending') throw conflict('invitation_not_pending');
  const window = nextResendWindow(invitation, now);
  const linkNonce = deps.ids.nonce();
  const next = {
    linkNonce,
    tokenHash: deps.links.hash(deps.links.tokenFor({ ...invitation, linkNonce })),
    lastSentAt: now.toISOString(),
    sendCount: invitation.sendCount + 1,
    ...window,
  };
  const event = auditEvent(deps, invitation.orgId, 'invitation.resent', cmd.actor,
    { invitationId: invitation.invitationId, email: invitation.email }, { sendCount: next.sendCount }, now);
  const outcome = await deps.invitations.resend({ invitation, next, now: now.toISOString(), event, ...(confirmed ? { liftSuppression: true } : {}) });
  if (outcome === 'not_pending') throw conflict('invitation_not_pending');
  if (outcome === 'changed') {
    // another resend won the race; the throttle applies to this one
    throw conflict('invitation_not_pending', { detail: 'The invitation changed while resending; try again.' });
  }
  const resent = { ...invitation, ...next, delivery: { status: 'queued' as const, at: now.toISOString() } };
  return { invitation: invitationView(resent, now) };
}

export async function declineInvitation(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links'>, cmd: { token: string; actor: Actor }) {
  const found = await findByLink(deps, cmd.token);
  if (!found) throw notFound('invitation_not_found');
  const { invitation } = found;
  requireInvitee(invitation, cmd.actor);
  const now = deps.clock.now();
  requireUsable(invitation, now);
  const event = auditEvent(deps, invitation.orgId, 'invitation.declined', cmd.actor,
    { invitationId: invitation.invitationId, email: invitation.email }, {}, now);
  const outcome = await deps.invitations.transition({ invitation, to: 'declined', now: now.toISOString(), event });
  if (outcome !== 'done') throw conflict('invitation_not_pending');
  return { invitation: { invitationId: invitation.invitationId, orgId: invitation.orgId, status: 'declined' as const } };
}
