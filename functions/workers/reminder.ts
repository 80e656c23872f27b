import { requestScheduleRetries, runScheduledJob } from '../../shared/domain/invitations/scheduled-jobs.ts';
import { runAccessJob } from '../../shared/domain/members/access-jobs.ts';
import { retryAccessSchedules } from '../../shared/domain/members/access-schedule-retries.ts';
import { resumeStalledDeletions } from '../../shared/domain/orgs/resume-stalled-deletions.ts';
import type { AccessJob, InvitationJob, ScheduledJob } from '../../shared/ports.ts';
import { baseRuntime } from '../runtime.ts';
import { accessJobDeps, accessRetryDeps, deletionSweepDeps, jobDeps } from './job-deps.ts';

/**
 * The EventBridge Scheduler target (and the local scheduler's): the payload names the invitation
 * and the job (reminder or expiry), or the membership and its end of access (reminder or removal). EventBridge rules also call it with `retry-schedules` and `resume-org-deletions`. It needs the table only; the reminder email itself is sent by
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
    // every 5 minutes, from an EventBridge rule: invitations whose schedules could not be created
    const { retried, dropped } = await requestScheduleRetries(jobDeps());
    // and members' ends of access whose schedules could not be created (an ended one is removed here)
    const access = await retryAccessSchedules(accessRetryDeps());
    baseRuntime().logger.info('schedule retries', { retried, dropped, access });
    const accessPart = access.retried + access.ended + access.dropped + access.failed > 0 ? `; access ends: ${JSON.stringify(access)}` : '';
    return { outcome: `retried ${retried}, dropped ${dropped}${accessPart}` };
  }
  if (isAccessJob(event)) {
    // a member's end of access (shared/domain/members/access-jobs.ts); its emails go out through the dispatcher too
    const outcome = await runAccessJob(accessJobDeps(), event);
    baseRuntime().logger.info('scheduled job', { kind: event.kind, orgId: event.orgId, userId: event.userId, outcome });
    return { outcome };
  }
  const outcome = await runScheduledJob(jobDeps(), event as InvitationJob);
  baseRuntime().logger.info('scheduled job', { kind: event.kind, orgId: event.orgId, invitationId: (event as InvitationJob).invitationId, outcome });
  return { outcome };
}

const isAccessJob = (job: { kind: string }): job is AccessJob => job.kind === 'access_reminder' || job.kind === 'access_end';
