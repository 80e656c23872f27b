import type { Deps, Scheduler } from '../../ports.ts';
import { auditEvent } from '../audit.ts';
import type { Invitation, Org } from '../model.ts';
import { invitationAcceptedEmail, renewalRequestedEmail } from '../notifications/notice-emails.ts';
import { type DeliveryDeps, deliverInvitation, deliverReminder } from './deliver-invitation.ts';
import { expirySchedule, expiryScheduleName, reminderSchedule, reminderScheduleName } from './schedules.ts';

/** The stream dispatcher's ports: delivery's, the member list (admins to notify) and the scheduler. */
export type WorkerDeps = DeliveryDeps & Pick<Deps, 'members'> & { scheduler: Scheduler };

/** An org by id (null if it is gone): the dispatcher reads each org once per batch. */
export type OrgOf = (orgId: string) => Promise<Org | null>;

export const readOrg = (deps: Pick<WorkerDeps, 'orgs'>): OrgOf => async (orgId) => (await deps.orgs.getWithMember(orgId, '-')).org;

export interface InvitationChange {
  prev?: Invitation;
  next?: Invitation;
  /** The item was deleted by DynamoDB TTL (not by a person or the service). */
  purgedByTtl?: boolean;
}

/**
 * The outbox, for invitations: turns one stream record (old and new image) into its side effects.
 * Every step is safe to repeat, because the stream retries a record whose handling failed: schedules
 * are named from the invitation, sends re-check the invitation as it is now, and the TTL close-out
 * writes its audit event under a deterministic key.
 */
export async function onInvitationChange(
  deps: WorkerDeps, { prev, next, purgedByTtl }: InvitationChange, orgOf: OrgOf = readOrg(deps),
): Promise<void> {
  if (!next) {
    if (prev && purgedByTtl && prev.status === 'pending') await closePurged(deps, prev);
    return;
  }
  if (!prev) {
    if (next.status !== 'pending') return;
    const org = await orgOf(next.orgId);
    await Promise.all([
      // Silent invitations expire too (and must be audited), so every invitation gets the expiry schedule.
      deps.scheduler.scheduleOnce(expirySchedule(next)),
      scheduleReminder(deps, next, org),
    ]);
    if (next.sendCount > 0) await deliverInvitation(deps, next, org);
    return;
  }
  if (prev.status === 'pending' && next.status !== 'pending') {
    await deps.scheduler.cancel(reminderScheduleName(next.invitationId));
    // an expired invitation's schedule has fired (and deleted itself); the others may still be waiting
    if (next.status !== 'expired') await deps.scheduler.cancel(expiryScheduleName(next.invitationId));
    if (next.status === 'accepted') await notifyInviter(deps, next);
    return;
  }
  if (next.status === 'pending' && next.sendCount > prev.sendCount) {
    const org = await orgOf(next.orgId);
    await deps.scheduler.cancel(reminderScheduleName(next.invitationId));
    await scheduleReminder(deps, next, org);
    // a resend always emails, also for an invitation created silently: that is how it is rolled out
    await deliverInvitation(deps, next, org);
    return;
  }
  if (next.remindedAt && !prev.remindedAt) {
    await deliverReminder(deps, next);
    return;
  }
  if (next.renewalRequestedAt && !prev.renewalRequestedAt) await notifyAdminsOfRenewal(deps, next, await orgOf(next.orgId));
}

async function scheduleReminder(deps: WorkerDeps, inv: Invitation, org: Org | null) {
  if (!org) return;
  const reminder = reminderSchedule(inv, org.settings, deps.clock.now());
  if (reminder) await deps.scheduler.scheduleOnce(reminder);
}

async function notifyInviter(deps: WorkerDeps, inv: Invitation) {
  const { org, member: inviter } = await deps.orgs.getWithMember(inv.orgId, inv.invitedBy.userId);
  if (!org?.settings.notifyInviterOnAccept) return;
  // an inviter who has left or been suspended since is not told about the org any more
  if (inviter?.status !== 'active' || inviter.userId === inv.acceptedBy) return;
  const invitee = inv.acceptedBy ? (await deps.orgs.getWithMember(inv.orgId, inv.acceptedBy)).member : null;
  await deps.mailer.send(invitationAcceptedEmail({
    to: inviter.email,
    orgName: org.name,
    inviteeEmail: inv.email,
    ...(invitee?.name ? { inviteeName: invitee.name } : {}),
    role: inv.role,
  }));
}

async function notifyAdminsOfRenewal(deps: WorkerDeps, inv: Invitation, org: Org | null) {
  if (!org) return;
  const admins = await deps.members.list(org.orgId, { roles: ['admin'], statuses: ['active'] }, { limit: 50 });
  for (const admin of admins.items) {
    await deps.mailer.send(renewalRequestedEmail({
      to: admin.email, orgName: org.name, inviteeEmail: inv.email, role: inv.role, expiredAt: inv.expiresAt,
    }));
  }
}

/**
 * TTL removed an invitation that was still stored as pending: no schedule, sweep or read closed it
 * (a schedule that ended in its DLQ, or an invitation older than the schedules). The event is dated
 * at the deadline, when the invitation really expired.
 */
async function closePurged(deps: WorkerDeps, inv: Invitation) {
  const event = {
    ...auditEvent(deps, inv.orgId, 'invitation.expired', 'system',
      { invitationId: inv.invitationId, email: inv.email }, { expiresAt: inv.expiresAt, via: 'ttl' }, new Date(inv.expiresAt)),
    eventId: `expired_${inv.invitationId}`,
  };
  await deps.invitations.closePurged(inv, event);
}
