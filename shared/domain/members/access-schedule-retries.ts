import type { AccessScheduleRetry, AccessScheduleRetryStore } from '../../ports.ts';
import { type AccessJobDeps, runAccessJob } from './access-jobs.ts';

/** How many markers one run reads (the job runs every few minutes; markers exist only after failures). */
const RETRIES_PER_RUN = 100;

export type AccessScheduleRetryDeps = AccessJobDeps & { accessScheduleRetries: AccessScheduleRetryStore };

/**
 * The periodic job (the `retry-schedules` EventBridge rule, which also retries invitations' schedules)
 * for members' ends of access whose schedules the Scheduler refused (AP23). For each marker:
 * - the member is gone, or has another end (or none), or the org is gone: the marker is dropped;
 * - the end has passed: the removal its schedule would have made is made here (the same job, under
 *   the same conditions), so a Scheduler outage never leaves an ended member in the org for good;
 * - otherwise the membership is touched, and the dispatcher (which alone talks to the Scheduler)
 *   creates the schedules again from its stream record and drops the marker once they exist.
 */
export async function retryAccessSchedules(deps: AccessScheduleRetryDeps): Promise<{ retried: number; ended: number; dropped: number; failed: number }> {
  const counts = { retried: 0, ended: 0, dropped: 0, failed: 0 };
  const now = deps.clock.now();
  for (const ref of await deps.accessScheduleRetries.list(RETRIES_PER_RUN)) {
    try {
      counts[await retryOne(deps, ref, now)]++;
    } catch {
      // the marker stays: the next run (a few minutes later) tries it again, and the others go on now
      counts.failed++;
    }
  }
  return counts;
}

async function retryOne(deps: AccessScheduleRetryDeps, ref: AccessScheduleRetry, now: Date): Promise<'retried' | 'ended' | 'dropped'> {
  const { org, caller: member } = await deps.members.loadScope(ref.orgId, ref.userId, {});
  if (!org || member?.accessUntil !== ref.accessUntil) {
    await deps.accessScheduleRetries.clear(ref);
    return 'dropped';
  }
  if (now.getTime() >= Date.parse(ref.accessUntil)) {
    const outcome = await runAccessJob(deps, { kind: 'access_end', orgId: ref.orgId, userId: ref.userId, accessUntil: ref.accessUntil });
    await deps.accessScheduleRetries.clear(ref);
    return outcome === 'ended' ? 'ended' : 'dropped';
  }
  if ((await deps.accessScheduleRetries.requestRetry(ref, now.toISOString())) === 'requested') return 'retried';
  await deps.accessScheduleRetries.clear(ref);
  return 'dropped';
}
