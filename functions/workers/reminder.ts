import { runScheduledJob } from '../../shared/domain/invitations/scheduled-jobs.ts';
import type { ScheduledJob } from '../../shared/ports.ts';
import { baseRuntime } from '../runtime.ts';
import { jobDeps } from './job-deps.ts';

/**
 * The EventBridge Scheduler target (and the local scheduler's): the payload names the invitation
 * and the job (reminder or expiry). It needs the table only; the reminder email itself is sent by
 * the stream dispatcher when it sees `remindedAt` set, so this function has no SES access.
 */
export async function handler(event: ScheduledJob): Promise<{ outcome: string }> {
  const outcome = await runScheduledJob(jobDeps(), event);
  baseRuntime().logger.info('scheduled job', { kind: event.kind, orgId: event.orgId, invitationId: event.invitationId, outcome });
  return { outcome };
}
