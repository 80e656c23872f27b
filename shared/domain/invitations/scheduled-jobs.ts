import type { ScheduledJob } from '../../ports.ts';
import { auditEvent } from '../audit.ts';
import { expireInvitations, type InvitationJobDeps } from './expire-invitations.ts';
import { effectiveStatus } from './invitation.ts';

export type JobOutcome = 'reminded' | 'expired' | 'skipped';

/**
 * What a one-time schedule does when it fires. Both jobs re-read the invitation and act only
 * through a guarded write, so a late, repeated or stale firing (after accept, revoke, decline) does
 * nothing. The reminder itself writes `remindedAt` and its audit event; the stream dispatcher then
 * emails it, with the stream's retries behind it.
 */
export async function runScheduledJob(deps: InvitationJobDeps, job: ScheduledJob): Promise<JobOutcome> {
  const inv = await deps.invitations.get(job.orgId, job.invitationId);
  if (!inv) return 'skipped';
  const now = deps.clock.now();
  if (job.kind === 'expiry') {
    if (inv.status !== 'pending') return 'skipped';
    // Fired before the deadline (clock skew): fail, so the Scheduler's retry policy tries again later.
    if (now.getTime() < Date.parse(inv.expiresAt)) throw new Error(`expiry of ${inv.invitationId} fired before ${inv.expiresAt}`);
    return (await expireInvitations(deps, [inv])) > 0 ? 'expired' : 'skipped';
  }
  // a silent invitation that was never emailed has nothing to remind of
  if (inv.sendCount === 0 || inv.remindedAt || effectiveStatus(inv, now) !== 'pending') return 'skipped';
  const event = auditEvent(deps, inv.orgId, 'invitation.reminded', 'system',
    { invitationId: inv.invitationId, email: inv.email }, { expiresAt: inv.expiresAt }, now);
  return (await deps.invitations.markReminded(inv, now.toISOString(), event)) === 'done' ? 'reminded' : 'skipped';
}
