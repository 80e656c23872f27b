import type { Deps, Mailer, ReputationStore } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { DomainError } from '../errors.ts';
import { orgEmailAllowance, withinQuotas } from '../limits/send-limits.ts';
import type { DeliveryStatus, HoldReason, Invitation, Org } from '../model.ts';
import { invitationEmail, invitationEmailInput } from '../notifications/invitation-email.ts';
import { lookOf } from '../notifications/layout.ts';
import { type SendOnceDeps, sendIdOf, sendOnce } from '../notifications/send-once.ts';
import { limitsOf } from '../orgs/plans.ts';
import { dayOf, holdDetail } from '../orgs/sending-guard.ts';
import { effectiveStatus } from './invitation.ts';

export type DeliveryDeps = Pick<Deps, 'clock' | 'ids' | 'links' | 'orgs' | 'invitations' | 'urls' | 'plans' | 'quotas'> & {
  mailer: Mailer;
  reputation: ReputationStore;
} & SendOnceDeps;

/** The invitation's n-th send (its first email, then each resend) and the reminder of a firing. */
export const invitationSendId = (inv: Pick<Invitation, 'orgId' | 'invitationId' | 'sendCount'>) =>
  sendIdOf('invitation', inv.orgId, inv.invitationId, inv.sendCount);
export const reminderSendId = (inv: Pick<Invitation, 'orgId' | 'invitationId'>, remindedAt: string) =>
  sendIdOf('reminder', inv.orgId, inv.invitationId, Date.parse(remindedAt));

/**
 * Attempts at one send before the invitation shows `delivery.status: failed`. The stream's event
 * source mapping must allow at least this many attempts (retryAttempts >= MAX_SEND_ATTEMPTS - 1);
 * it keeps retrying after that and then hands the record to its on-failure destination (the DLQ).
 */
export const MAX_SEND_ATTEMPTS = 3;

/** A retried stream record must not email twice: these mean this send already reached SES. */
const ALREADY_SENT: readonly DeliveryStatus[] = ['sent', 'bounced', 'complained'];

/**
 * Sends the invitation email for one send (the stream dispatcher calls this for each new
 * invitation and each resend). The link is rebuilt from the nonce of that send; if a newer resend
 * has replaced it, or the invitation is no longer pending, nothing is sent. `known` holds what the
 * caller has already read (the org, the invitation as it is now), so it is not read twice.
 */
export async function deliverInvitation(
  deps: DeliveryDeps,
  inv: Invitation,
  known: { org?: Org | null; current?: Invitation | null } = {},
): Promise<'sent' | 'skipped'> {
  const current = known.current !== undefined ? known.current : await deps.invitations.get(inv.orgId, inv.invitationId);
  if (current && current.sendCount > inv.sendCount && inv.sendCount > 0) {
    await recordCoalesced(deps, inv, current.sendCount);
    return 'skipped';
  }
  if (!current || current.sendCount !== inv.sendCount || effectiveStatus(current, deps.clock.now()) !== 'pending') {
    return 'skipped';
  }
  if (current.delivery && ALREADY_SENT.includes(current.delivery.status)) return 'skipped';
  const org = known.org !== undefined ? known.org : await deps.orgs.get(inv.orgId);
  // a deleted org (or one that never was) emails nobody: its invitations died with it
  if (!org) return 'skipped';
  const hold = await holdOf(deps, current, org);
  if (hold) {
    await recordHeld(deps, current, hold);
    return 'skipped';
  }
  const message = invitationMessage(deps, current, org, 'invitation');
  let sent: Awaited<ReturnType<typeof sendOnce>>;
  try {
    sent = await sendOnce(deps, invitationSendId(current), message);
  } catch (error) {
    await recordFailedAttempt(deps, current, error);
    throw error;
  }
  // also when an earlier attempt sent it and died before recording it (its claim was marked, by it or by SES's Send event)
  await deps.invitations.recordDelivery(
    current,
    { status: 'sent', at: deps.clock.now().toISOString(), ...(sent.outcome === 'sent' ? { messageId: sent.messageId } : {}) },
    // a bounce reported before this write landed must not be hidden by it; counted once per send (the status moves on)
    // and counted for the org's sender reputation with it (sending-guard.ts)
    { onlyFrom: ['queued', 'failed', 'paused'], countSent: true, tally: { field: 'sent', day: dayOf(deps.clock.now()) } },
  );
  return sent.outcome === 'sent' ? 'sent' : 'skipped';
}

/**
 * Why this invitation must not be emailed now (sender reputation guard): the org's sending is
 * paused, or the address hard-bounced or complained in this org and no admin has confirmed a resend
 * since (a confirmed resend deletes the suppression in its own write).
 */
async function holdOf(deps: DeliveryDeps, inv: Invitation, org: Org | null): Promise<HoldReason | null> {
  if (org?.sending?.status === 'paused') return 'sending_paused';
  return (await deps.reputation.suppression(inv.orgId, inv.email))?.reason ?? null;
}

/** The invitation shows it is held and why; a retried record finds it so and writes nothing. */
async function recordHeld(deps: DeliveryDeps, inv: Invitation, reason: HoldReason) {
  if (inv.delivery?.status === 'paused' && inv.delivery.reason === reason) return;
  await deps.invitations.recordDelivery(
    inv,
    { status: 'paused', reason, at: deps.clock.now().toISOString(), detail: holdDetail[reason] },
    { onlyFrom: ['queued', 'failed', 'paused'] },
  );
}

/**
 * A resend landed before this send was dispatched: the invitee gets one email (the newer send's
 * link), not two. Recorded once, with an audit event, so the history says which sends were merged;
 * `emailsSent` on the invitation counts what was really sent.
 */
async function recordCoalesced(deps: DeliveryDeps, inv: Invitation, into: number) {
  const now = deps.clock.now();
  const event = {
    ...auditEvent(
      deps,
      inv.orgId,
      'invitation.resend_coalesced',
      'system',
      auditTarget.invitation(inv),
      { sendCount: inv.sendCount, coalescedInto: into },
      now,
    ),
  };
  await deps.sends.supersede(invitationSendId(inv), now, event);
}

/**
 * The reminder: the same link as the last invitation email (rebuilt from the stored nonce), so
 * both emails keep working and no new token has to be stored or the first link revoked.
 */
export async function deliverReminder(deps: DeliveryDeps, inv: Invitation): Promise<'sent' | 'skipped'> {
  const current = await deps.invitations.get(inv.orgId, inv.invitationId);
  if (!current?.remindedAt || effectiveStatus(current, deps.clock.now()) !== 'pending') return 'skipped';
  const org = await deps.orgs.get(inv.orgId);
  if (!org) return 'skipped';
  // a held reminder is not sent later: the invitation email that goes out after a resume or a confirmed resend does its job
  if (await holdOf(deps, current, org)) return 'skipped';
  // A reminder is an invitation email too: it counts against the org's daily allowance (issue 17,
  // item 5) when it really goes out, and one that does not fit today is not sent (it is a courtesy).
  const allowance = org ? orgEmailAllowance(limitsOf(deps.plans, org.plan), org) : null;
  const quota = allowance === null ? [] : [{ counter: { name: 'org_invitation_emails' as const, owner: inv.orgId }, limit: allowance }];
  try {
    return await withinQuotas(deps, quota, 1, async () => {
      const sent = await sendOnce(deps, reminderSendId(current, current.remindedAt as string), invitationMessage(deps, current, org, 'reminder'));
      return sent.outcome === 'sent' ? { result: 'sent' as const, used: 1 } : { result: 'skipped' as const, used: 0 };
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invitation_limit_reached') return 'skipped';
    throw error;
  }
}

function invitationMessage(deps: Pick<Deps, 'links' | 'urls'>, inv: Invitation, org: Org | null | undefined, kind: 'invitation' | 'reminder') {
  return {
    ...invitationEmail(invitationEmailInput(inv, deps.urls.accept(deps.links.tokenFor(inv)), kind), lookOf(org, inv.locale, inv.timeZone)),
    // bounce and complaint events name the invitation and the send they are about
    tags: { orgId: inv.orgId, invitationId: inv.invitationId, sendCount: String(inv.sendCount), kind },
  };
}

/**
 * Counts failed attempts on the invitation itself: in AWS the stream event does not say how often a
 * record was tried, and the on-failure destination only gets the record's coordinates, so the
 * count lives where the admin looks. The move to `failed` is audited once.
 */
async function recordFailedAttempt(deps: DeliveryDeps, inv: Invitation, error: unknown) {
  const attempts = (inv.delivery?.attempts ?? 0) + 1;
  const now = deps.clock.now();
  const detail = `attempt ${attempts}: ${describe(error)}`;
  const failed = attempts >= MAX_SEND_ATTEMPTS;
  const delivery = { status: failed ? ('failed' as const) : ('queued' as const), at: now.toISOString(), attempts, detail };
  const event =
    failed && inv.delivery?.status !== 'failed'
      ? auditEvent(deps, inv.orgId, 'invitation.delivery_failed', 'system', auditTarget.invitation(inv), { sendCount: inv.sendCount, attempts, detail }, now)
      : undefined;
  // the move to failed is conditional on the status still being queued, so its event is written once
  await deps.invitations.recordDelivery(inv, delivery, event ? { onlyFrom: ['queued'], event } : { onlyFrom: ['queued', 'failed'] });
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`.replace(/\s+/g, ' ').slice(0, 300);
}
