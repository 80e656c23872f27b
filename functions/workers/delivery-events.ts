import type { SNSEvent } from 'aws-lambda';
import { parseSesEvent } from '../../shared/adapters/ses/events.ts';
import { recordMailEvent } from '../../shared/domain/invitations/delivery-events.ts';
import { baseRuntime } from '../runtime.ts';
import { mailEventDeps } from './job-deps.ts';

/**
 * SES configuration-set events (bounce, complaint, delivery) delivered through SNS. An event this
 * service cannot place (no tags: a notice to an inviter or admin) is logged and dropped; a table
 * error fails the invocation so SNS retries it (and its DLQ keeps it after that).
 */
export async function handler(event: SNSEvent): Promise<void> {
  const { logger } = baseRuntime();
  for (const record of event.Records) {
    const parsed = parseSesEvent(record.Sns.Message);
    if (!parsed) {
      logger.info('ses event ignored', { snsMessageId: record.Sns.MessageId });
      continue;
    }
    const outcome = await recordMailEvent(mailEventDeps(), parsed);
    logger.info('ses event', { kind: parsed.kind, messageId: parsed.messageId, outcome });
  }
}
