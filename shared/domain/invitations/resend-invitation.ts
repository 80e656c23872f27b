import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { conflict } from '../errors.ts';
import { withinQuotas } from '../limits/send-limits.ts';
import type { Actor, Invitation } from '../model.ts';
import { limitsOf } from '../orgs/plans.ts';
import { effectiveStatus, invitationView, nextResendWindow } from './invitation.ts';
import { loadInvitationAsAdmin } from './load-as-admin.ts';

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
    throw conflict('delivery_problem_unconfirmed', {
      detail: `The last email to this address ${problem === 'bounced' ? 'bounced' : 'was reported as spam'}; resend with confirmUndeliverable: true to email it again.`,
    });
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
  const event = auditEvent(deps, invitation.orgId, 'invitation.resent', cmd.actor, auditTarget.invitation(invitation), { sendCount: next.sendCount }, now);
  const outcome = await deps.invitations.resend({ invitation, next, now: now.toISOString(), event, ...(confirmed ? { liftSuppression: true } : {}) });
  if (outcome === 'not_pending') throw conflict('invitation_not_pending');
  if (outcome === 'changed') {
    // another resend won the race; the throttle applies to this one
    throw conflict('invitation_not_pending', { detail: 'The invitation changed while resending; try again.' });
  }
  const resent = { ...invitation, ...next, delivery: { status: 'queued' as const, at: now.toISOString() } };
  return { invitation: invitationView(resent, now) };
}
