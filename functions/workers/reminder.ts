import { requestScheduleRetries, runScheduledJob } from '../../shared/domain/invitations/scheduled-jobs.ts';
import { resumeStalledDeletions } from '../../shared/domain/orgs/resume-stalled-deletions.ts';
import type { ScheduledJob } from '../../shared/ports.ts';
import { baseRuntime } from '../runtime.ts';
import { deletionSweepDeps, jobDeps } from './job-deps.ts';

/**
 * The EventBridge Scheduler target (and the local scheduler's): the payload names the invitation
 * and the job (reminder or expiry). EventBridge rules also call it with `retry-schedules` and `resume-org-deletions`. It needs the table only; the reminder email itself is sent by
 * the stream dispatcher when it sees `remindedAt` set, so this function has no SES access.
 */
export async function handler(event: ScheduledJob | { kind: 'retry-schedules' } | { kind: 'resume-org-deletions' }): Promise<{ outcome: string }> {
  if (event.kind === 'resume-org-deletions') {
    // every 15 minutes, from another rule: deleted orgs whose cleanup's stream record was given up
    const { resumed, inProgress } = await resumeStalledDeletions(deletionSweepDeps());
    if (resumed.length > 0) baseRuntime().logger.warn('stalled org deletions resumed', { orgIds: resumed });
    return { outcome: `resumed ${resumed.length}, in progress ${inProgress}` };
  }
  if (event.kind === 'retry-schedules') {
    // every few minutes, from an EventBridge rule: invitations whose schedules could not be created
    const { retried, dropped } = await requestScheduleRetries(jobDeps());
    baseRuntime().logger.info('schedule retries', { retried, dropped });
    return { outcome: `retried ${retried}, dropped ${dropped}` };
  }
  const outcome = await runScheduledJob(jobDeps(), event);
  baseRuntime().logger.info('scheduled job', { kind: event.kind, orgId: event.orgId, invitationId: event.invitationId, outcome });
  return { outcome };
}
