import type { Metrics } from '../../metrics.ts';
import type { AccessScheduleRetryStore, Deps, Scheduler } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import type { Invitation, Org } from '../model.ts';
import { lookOf } from '../notifications/layout.ts';
import { invitationAcceptedEmail, renewalRequestedEmail } from '../notifications/notice-emails.ts';
import { sendIdOf, sendOnce } from '../notifications/send-once.ts';
import { type DeliveryDeps, deliverInvitation, deliverReminder } from './deliver-invitation.ts';
import { expirySchedule, expiryScheduleName, reminderSchedule, reminderScheduleName } from './schedules.ts';

/**
 * The stream dispatcher's ports: delivery's, the member list (admins to notify), the scheduler and its
 * metrics, and the retry markers of members' end-of-access schedules.
 */
export type WorkerDeps = DeliveryDeps & Pick<Deps, 'members'> & { scheduler: Scheduler; metrics: Metrics; accessScheduleRetries: AccessScheduleRetryStore };

/** An org by id (null if it is gone): the dispatcher reads each org once per batch. */
export type OrgOf = (orgId: string) => Promise<Org | null>;

export const readOrg =
  (deps: Pick<WorkerDeps, 'orgs'>): OrgOf =>
  (orgId) =>
    deps.orgs.get(orgId);

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
export async function onInvitationChange(deps: WorkerDeps, { prev, next, purgedByTtl }: InvitationChange, orgOf: OrgOf = readOrg(deps)): Promise<void> {
  if (!next) {
    if (prev && purgedByTtl && prev.status === 'pending') await closePurged(deps, prev);
    return;
  }
  if (!prev) {
    if (next.status !== 'pending') return;
    const org = await orgOf(next.orgId);
    // deleted in the meantime (an invite that landed just before DELETE /orgs/{orgId}): no email, no schedules
    if (!org) return;
    // The email never waits for the Scheduler: schedules that cannot be created are recorded on the
    // invitation and retried on their own (ensureSchedules), so this only fails for the email.
    const current = next.sendCount > 0 ? await itemNow(deps, next) : next;
    const inv = withSchedulesOf(next, current);
    // An earlier try of this record created the schedules and said so (below): asking the Scheduler
    // again could only fail, and would then show as missing two schedules that exist.
    const schedules = inv.schedules?.status === 'scheduled' ? undefined : ensureSchedules(deps, inv, org, { expiry: true });
    try {
      await allSteps([
        next.sendCount > 0 ? deliverInvitation(deps, next, { org, current }) : undefined,
        // Silent invitations expire too (and must be audited), so every invitation gets the expiry schedule.
        schedules,
      ]);
    } catch (error) {
      // the stream hands this record over again: tell that try the schedules exist (a write only on this path)
      if ((await schedules?.catch(() => undefined)) === 'created') await markScheduled(deps, inv);
      throw error;
    }
    return;
  }
  if (prev.status === 'pending' && next.status !== 'pending') {
    await allSteps([
      next.status === 'accepted' ? notifyInviter(deps, next) : undefined,
      // A schedule left behind fires, finds the invitation closed and does nothing: a failed cancel is only logged.
      cancelQuietly(deps, reminderScheduleName(next.invitationId)),
      // an expired invitation's schedule has fired (and deleted itself); the others may still be waiting
      next.status !== 'expired' ? cancelQuietly(deps, expiryScheduleName(next.invitationId)) : undefined,
    ]);
    return;
  }
  if (next.status === 'pending' && next.sendCount > prev.sendCount) {
    const [org, current] = await Promise.all([orgOf(next.orgId), itemNow(deps, next)]);
    await allSteps([
      // a resend always emails, also for an invitation created silently: that is how it is rolled out
      deliverInvitation(deps, next, { org, current }),
      (async () => {
        await cancelQuietly(deps, reminderScheduleName(next.invitationId));
        const inv = withSchedulesOf(next, current);
        // the failure being cleared may be the expiry's: it is created again too (a conflict if it exists)
        await ensureSchedules(deps, inv, org, { expiry: inv.schedules?.status === 'failed' });
      })(),
    ]);
    return;
  }
  // the operator resumed the org's sending: the invitations it held are queued again and sent now
  if (next.status === 'pending' && next.sendCount === prev.sendCount && prev.delivery?.status === 'paused' && next.delivery?.status === 'queued') {
    await deliverInvitation(deps, next, { org: await orgOf(next.orgId) });
    return;
  }
  if (next.remindedAt && !prev.remindedAt) {
    await deliverReminder(deps, next);
    return;
  }
  if (next.renewalRequestedAt && !prev.renewalRequestedAt) {
    await notifyAdminsOfRenewal(deps, next, await orgOf(next.orgId));
    return;
  }
  // the periodic retry job asked for another try at schedules that could not be created
  if (next.status === 'pending' && next.schedules?.status === 'failed' && next.schedules.retryAt && next.schedules.retryAt !== prev.schedules?.retryAt) {
    await ensureSchedules(deps, next, await orgOf(next.orgId), { expiry: true });
  }
}

/**
 * Waits for every step of a record, then fails if one failed. Promise.all would fail at the first
 * error while the others still run: the stream hands the record over again, and its second try
 * overlaps the first (a schedule failure recorded after the second try read the invitation stays).
 */
async function allSteps(steps: (Promise<unknown> | undefined)[]): Promise<void> {
  const failed = (await Promise.allSettled(steps)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const itemNow = (deps: WorkerDeps, inv: Invitation) => deps.invitations.get(inv.orgId, inv.invitationId);

/**
 * A record whose email failed is handled again with the image of before its first try, which may
 * have recorded a schedule failure since: whether there is one to clear is read from the item as it
 * is now (the read the email needs anyway), or the invitation would show `failed` with both
 * schedules in place until the retry job came by.
 */
const withSchedulesOf = (inv: Invitation, current: Invitation | null): Invitation => {
  const { schedules: _image, ...rest } = inv;
  return current?.schedules ? { ...rest, schedules: current.schedules } : rest;
};

/**
 * Creates the invitation's schedules (names derived from the invitation, so a repeat keeps one
 * schedule). When the Scheduler refuses after the SDK's retries, the invitation records it
 * (`schedules.status: failed`, visible to the admin) with a marker the periodic retry job walks,
 * and a metric raises the alarm; nothing is thrown, so the email and the rest of the batch go on.
 * `created`: they exist and the invitation does not say so (it says nothing, as no failure was
 * recorded); `recorded`: they exist and a recorded failure was cleared.
 */
async function ensureSchedules(deps: WorkerDeps, inv: Invitation, org: Org | null, which: { expiry: boolean }): Promise<'created' | 'recorded' | 'failed'> {
  const wanted = [
    ...(which.expiry ? [expirySchedule(inv)] : []),
    ...(org ? [reminderSchedule(inv, org.settings, deps.clock.now())].filter((s) => s !== null) : []),
  ];
  try {
    for (const s of wanted) await deps.scheduler.scheduleOnce(s);
  } catch (error) {
    deps.metrics.count('ScheduleFailures');
    await deps.invitations.recordSchedules(inv, {
      status: 'failed',
      at: deps.clock.now().toISOString(),
      attempts: (inv.schedules?.attempts ?? 0) + 1,
      detail: describeError(error),
    });
    return 'failed';
  }
  if (inv.schedules?.status !== 'failed') return 'created';
  await markScheduled(deps, inv);
  return 'recorded';
}

const markScheduled = (deps: WorkerDeps, inv: Invitation) => deps.invitations.recordSchedules(inv, { status: 'scheduled', at: deps.clock.now().toISOString() });

export async function cancelQuietly(deps: WorkerDeps, name: string) {
  try {
    await deps.scheduler.cancel(name);
  } catch {
    // the firing finds the invitation closed (or the member's end changed) and does nothing; the schedule deletes itself after it fires
    deps.metrics.count('ScheduleFailures');
  }
}

export const describeError = (error: unknown) => {
  const e = error as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(error)}`.replace(/\s+/g, ' ').slice(0, 300);
};

async function notifyInviter(deps: WorkerDeps, inv: Invitation) {
  const { org, member: inviter } = await deps.orgs.getWithMember(inv.orgId, inv.invitedBy.userId);
  if (!org?.settings.notifyInviterOnAccept) return;
  // an inviter who has left or been suspended since is not told about the org any more
  if (inviter?.status !== 'active' || inviter.userId === inv.acceptedBy) return;
  const invitee = inv.acceptedBy ? (await deps.orgs.getWithMember(inv.orgId, inv.acceptedBy)).member : null;
  await sendOnce(
    deps,
    sendIdOf('accepted', inv.orgId, inv.invitationId),
    invitationAcceptedEmail(
      {
        to: inviter.email,
        inviteeEmail: inv.email,
        ...(invitee?.name ? { inviteeName: invitee.name } : {}),
        role: inv.role,
      },
      lookOf(org, inviter.locale, inviter.timeZone),
    ),
  );
}

async function notifyAdminsOfRenewal(deps: WorkerDeps, inv: Invitation, org: Org | null) {
  if (!org) return;
  const admins = await deps.members.list(org.orgId, { roles: ['admin'], statuses: ['active'], at: deps.clock.now() }, { limit: 50 });
  for (const admin of admins.items) {
    await sendOnce(
      deps,
      sendIdOf('renewal', inv.orgId, inv.invitationId, admin.userId),
      renewalRequestedEmail({ to: admin.email, inviteeEmail: inv.email, role: inv.role, expiredAt: inv.expiresAt }, lookOf(org, admin.locale, admin.timeZone)),
    );
  }
}

/**
 * TTL removed an invitation that was still stored as pending: no schedule, sweep or read closed it
 * (a schedule that ended in its DLQ, or an invitation older than the schedules). The event is dated
 * at the deadline, when the invitation really expired.
 */
async function closePurged(deps: WorkerDeps, inv: Invitation) {
  const event = {
    ...auditEvent(
      deps,
      inv.orgId,
      'invitation.expired',
      'system',
      auditTarget.invitation(inv),
      { expiresAt: inv.expiresAt, via: 'ttl' },
      new Date(inv.expiresAt),
    ),
    eventId: `expired_${inv.invitationId}`,
  };
  await deps.invitations.closePurged(inv, event);
}
