import type { AccessJob, AccessReminderStore, Deps } from '../../ports.ts';
import { hasAccess } from '../access.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { primaryContactAfter } from './write-member-change.ts';

export type AccessJobDeps = Pick<Deps, 'clock' | 'ids' | 'members'> & { accessReminders: AccessReminderStore };

/** Attempts when the membership moves between the read and the write (a team change, a PATCH). */
const ATTEMPTS = 4;

/**
 * What a member's end-of-access schedule does when it fires. Both jobs re-read the membership and act
 * only while it still has the end they were made for, through a guarded write, so a late, repeated or
 * stale firing (extended, cleared, removed) does nothing. Access itself never waits for them: it ends at
 * `accessUntil` at read time (access.ts); the removal tidies up and says so in the audit trail.
 */
export async function runAccessJob(deps: AccessJobDeps, job: AccessJob): Promise<'reminded' | 'ended' | 'skipped'> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { org, caller: member } = await deps.members.loadScope(job.orgId, job.userId, {});
    if (!org || !member || member.accessUntil !== job.accessUntil) return 'skipped';
    const now = deps.clock.now();
    const target = { userId: member.userId, email: member.email };
    if (job.kind === 'access_reminder') {
      if (!hasAccess(member, now) || member.accessRemindedFor === job.accessUntil) return 'skipped';
      const event = auditEvent(deps, org.orgId, 'member.access_ending_reminded', 'system', target, { accessUntil: job.accessUntil }, now);
      // the stream dispatcher emails the member and the admins when it sees accessRemindedFor set
      return (await deps.accessReminders.markReminded(member, job.accessUntil, event)) ? 'reminded' : 'skipped';
    }
    // Fired before the end (clock skew): fail, so the Scheduler's retry policy tries again later.
    if (now.getTime() < Date.parse(job.accessUntil)) throw new Error(`access end of ${member.userId} in ${org.orgId} fired before ${job.accessUntil}`);
    const primaryContact = primaryContactAfter(member, null, org.primaryContactUserId);
    const events = [auditEvent(deps, org.orgId, 'member.access_ended', 'system', target, { accessUntil: job.accessUntil, role: member.role }, now)];
    if (primaryContact === 'clear') {
      events.push(
        auditEvent(deps, org.orgId, 'member.primary_contact_changed', 'system', target, { from: member.userId, to: null, reason: 'access_ended' }, now),
      );
    }
    // An admin's pending invitations are revoked by the stream dispatcher when it sees the membership
    // go (complete-revocations.ts); none of the last-admin rule applies: an admin with an end date is never counted.
    const { outcome } = await deps.members.write({
      before: member,
      after: null,
      events,
      revocations: [],
      now: now.toISOString(),
      ...(primaryContact ? { primaryContact } : {}),
    });
    if (outcome === 'done') return 'ended';
  }
  // still moving after every attempt: fail, so the Scheduler retries
  throw new Error(`access end of ${job.userId} in ${job.orgId}: the membership kept changing`);
}
