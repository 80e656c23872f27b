import { cancelQuietly, describeError, type OrgOf, type WorkerDeps } from '../invitations/on-invitation-change.ts';
import type { Member } from '../model.ts';
import { accessEndingEmail, memberAccessEndingEmail } from '../notifications/access-ending-email.ts';
import { lookOf } from '../notifications/layout.ts';
import { sendIdOf, sendOnce } from '../notifications/send-once.ts';
import { accessEndScheduleName, accessReminderScheduleName, accessSchedules } from './access-schedules.ts';

/** The org's active admins told of a member's end of access (as for join requests: more review it in the console). */
const ADMINS_TOLD = 50;

/**
 * The outbox, for a member's end of access: the stream dispatcher calls it for every member record.
 * A new end (set on accept or by PATCH) gets its reminder and removal schedules, a replaced or cleared
 * one (or a removed member) has its schedules cancelled, and a reminder the job recorded
 * (`accessRemindedFor`) is emailed to the member and the org's admins. Safe to repeat: schedules are
 * named from the membership and the end, each email is sent once per end and recipient.
 */
export async function onAccessChange(deps: WorkerDeps, prev: Member | undefined, next: Member | undefined, orgOf: OrgOf): Promise<void> {
  const before = prev?.accessUntil;
  const after = next?.accessUntil;
  if (prev && before !== undefined && before !== after) {
    // a schedule left behind fires, finds another end (or no member) and does nothing: a failed cancel is only counted
    await Promise.all([cancelQuietly(deps, accessEndScheduleName(prev, before)), cancelQuietly(deps, accessReminderScheduleName(prev, before))]);
  }
  if (!next || after === undefined) return;
  // a new end, or the periodic job asking again for an end whose schedules the Scheduler refused
  const retry = next.accessSchedulesRetryAt !== undefined && next.accessSchedulesRetryAt !== prev?.accessSchedulesRetryAt;
  if (after !== before || retry) await ensureSchedules(deps, { ...next, accessUntil: after }, orgOf, retry);
  if (next.accessRemindedFor === after && prev?.accessRemindedFor !== after) await emailReminder(deps, next, after, orgOf);
}

/**
 * Creates the end's schedules (named from the membership and the end: a repeat creates nothing twice).
 * When the Scheduler refuses after the SDK's retries, a marker records it (AP23) for the periodic job
 * (access-schedule-retries.ts) and a metric raises the ScheduleFailures alarm; nothing is thrown, so the
 * stream does not hold the shard back for an hour and then drop the record.
 */
async function ensureSchedules(deps: WorkerDeps, m: Member & { accessUntil: string }, orgOf: OrgOf, retry: boolean): Promise<void> {
  const ref = { orgId: m.orgId, userId: m.userId, accessUntil: m.accessUntil };
  const org = await orgOf(m.orgId);
  if (!org) {
    if (retry) await deps.accessScheduleRetries.clear(ref);
    return;
  }
  try {
    for (const s of accessSchedules(m, org.settings, deps.clock.now())) await deps.scheduler.scheduleOnce(s);
  } catch (error) {
    deps.metrics.count('ScheduleFailures');
    await deps.accessScheduleRetries.recordFailure(ref, { at: deps.clock.now().toISOString(), detail: describeError(error) });
    return;
  }
  if (retry) await deps.accessScheduleRetries.clear(ref);
}

async function emailReminder(deps: WorkerDeps, m: Member, accessUntil: string, orgOf: OrgOf): Promise<void> {
  const org = await orgOf(m.orgId);
  // a deleted org, or one whose sending is paused by the reputation guard, emails nobody
  if (!org || org.sending?.status === 'paused') return;
  const at = Date.parse(accessUntil);
  if (!(await deps.reputation.suppression(org.orgId, m.email))) {
    await sendOnce(deps, sendIdOf('accessending', org.orgId, m.userId, at, m.userId), {
      ...accessEndingEmail({ to: m.email, accessUntil, appUrl: deps.urls.app }, lookOf(org, m.locale, m.timeZone)),
      tags: { orgId: org.orgId, kind: 'access_ending' },
    });
  }
  const admins = (await deps.members.list(org.orgId, { roles: ['admin'], statuses: ['active'], at: deps.clock.now() }, { limit: ADMINS_TOLD })).items;
  for (const admin of admins) {
    // the member themself (an admin with an end date) got theirs above; an admin whose own access ended is told nothing
    if (admin.userId === m.userId || (admin.accessUntil !== undefined && Date.parse(admin.accessUntil) <= deps.clock.now().getTime())) continue;
    if (await deps.reputation.suppression(org.orgId, admin.email)) continue;
    await sendOnce(deps, sendIdOf('accessending', org.orgId, m.userId, at, admin.userId), {
      ...memberAccessEndingEmail(
        { to: admin.email, memberName: m.name, memberEmail: m.email, accessUntil, membersUrl: deps.urls.members(org.orgId) },
        lookOf(org, admin.locale, admin.timeZone),
      ),
      tags: { orgId: org.orgId, kind: 'access_ending' },
    });
  }
}
