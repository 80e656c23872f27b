import type { InvitationJob } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { expireInvitations, type InvitationJobDeps } from './expire-invitations.ts';
import { effectiveStatus } from './invitation.ts';

export type JobOutcome = 'reminded' | 'expired' | 'skipped';

/**
 * What a one-time schedule does when it fires. Both jobs re-read the invitation and act only
 * through a guarded write, so a late, repeated or stale firing (after accept, revoke, decline) does
 * nothing. The reminder itself writes `remindedAt` and its audit event; the stream dispatcher then
 * emails it, with the stream's retries behind it.
 */
export async function runScheduledJob(deps: InvitationJobDeps, job: InvitationJob): Promise<JobOutcome> {
  // the org with it, in the same one read: a deleted org's invitations are neither reminded nor expired
  // (its schedules may still fire until the cleanup has cancelled them)
  const { invitation: inv, org } = await deps.invitations.loadWithOrg(job.orgId, job.invitationId, NO_CALLER);
  if (!inv || !org) return 'skipped';
  const now = deps.clock.now();
  if (job.kind === 'expiry') {
    if (inv.status !== 'pending') return 'skipped';
    // Fired before the deadline (clock skew): fail, so the Scheduler's retry policy tries again later.
    if (now.getTime() < Date.parse(inv.expiresAt)) throw new Error(`expiry of ${inv.invitationId} fired before ${inv.expiresAt}`);
    return (await expireInvitations(deps, [inv])) > 0 ? 'expired' : 'skipped';
  }
  // a silent invitation that was never emailed has nothing to remind of
  if (inv.sendCount === 0 || inv.remindedAt || effectiveStatus(inv, now) !== 'pending') return 'skipped';
  const event = auditEvent(deps, inv.orgId, 'invitation.reminded', 'system', auditTarget.invitation(inv), { expiresAt: inv.expiresAt }, now);
  return (await deps.invitations.markReminded(inv, now.toISOString(), event)) === 'done' ? 'reminded' : 'skipped';
}

const NO_CALLER = '~none';

/** How many invitations one run of the schedule retry job asks about (it runs every few minutes). */
const RETRIES_PER_RUN = 100;

/**
 * The periodic job (an EventBridge rule, not the Scheduler that failed) for invitations whose
 * schedules could not be created: each still pending one is touched so the dispatcher, which alone
 * talks to the Scheduler, tries again; a closed one needs no schedules any more.
 */
export async function requestScheduleRetries(deps: InvitationJobDeps): Promise<{ retried: number; dropped: number }> {
  let retried = 0;
  let dropped = 0;
  const now = deps.clock.now();
  for (const ref of await deps.invitations.listScheduleRetries(RETRIES_PER_RUN)) {
    const inv = await deps.invitations.get(ref.orgId, ref.invitationId);
    if (!inv || effectiveStatus(inv, now) !== 'pending' || inv.schedules?.status !== 'failed') {
      await deps.invitations.recordSchedules(ref, { status: 'dropped' });
      dropped++;
      continue;
    }
    if ((await deps.invitations.recordSchedules(inv, { status: 'retry', at: now.toISOString() })) === 'recorded') retried++;
  }
  return { retried, dropped };
}
