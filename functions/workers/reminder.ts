import { runScheduledJob } from '../../shared/domain/invitations/scheduled-jobs.ts';
import type { ScheduledJob } from '../../shared/ports.ts';
import { runtime } from '../http/deps.ts';

/**
 * The EventBridge Scheduler target (and the local scheduler's): the payload names the invitation
 * and the job (reminder or expiry). It needs the table only; the reminder email itself is sent by
 * the stream dispatcher when it sees `remindedAt` set, so this function has no SES access.
 */
export async function handler(event: ScheduledJob): Promise<{ outcome: string }> {
  const { deps, logger } = runtime();
  const outcome = await runScheduledJob(deps, event);
  logger.info('scheduled job', { kind: event.kind, orgId: event.orgId, invitationId: event.invitationId, outcome });
  return { outcome };
}
