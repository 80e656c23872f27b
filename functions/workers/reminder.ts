import { runtime } from '../http/deps.ts';

/** EventBridge Scheduler target: the payload names the invitation whose reminder is due. */
export interface ReminderPayload {
  orgId: string;
  invitationId: string;
}

export async function handler(event: ReminderPayload): Promise<void> {
  runtime().logger.info('reminder fired', { orgId: event.orgId, invitationId: event.invitationId });
}
