import type { SNSEvent } from 'aws-lambda';
import { runtime } from '../http/deps.ts';

/** SES configuration-set events (bounce, complaint, delivery) delivered through SNS. */
export async function handler(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    runtime().logger.info('delivery event', { messageId: record.Sns.MessageId });
  }
}
