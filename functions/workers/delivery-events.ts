import type { SNSEvent } from 'aws-lambda';
import { parseSesEvent } from '../../shared/adapters/ses/events.ts';
import { recordMailEvent } from '../../shared/domain/invitations/delivery-events.ts';
import { emfMetrics, type Metrics } from '../../shared/metrics.ts';
import { baseRuntime } from '../runtime.ts';
import { mailEventDeps } from './job-deps.ts';

let metrics: Metrics | undefined;

/** The local stack and tests see the metric instead of an EMF line nobody collects. */
export function installDeliveryEventMetrics(m: Metrics): void {
  metrics = m;
}

/**
 * SES configuration-set events (bounce, complaint, delivery) delivered through SNS. An event this
 * service cannot place (no tags: a notice to an inviter or admin) is logged and dropped; a table
 * error fails the invocation so SNS retries it (and its DLQ keeps it after that).
 */
export async function handler(event: SNSEvent): Promise<void> {
  const { logger } = baseRuntime();
  metrics ??= emfMetrics('delivery-events');
  for (const record of event.Records) {
    const parsed = parseSesEvent(record.Sns.Message);
    if (!parsed) {
      logger.info('ses event ignored', { snsMessageId: record.Sns.MessageId });
      continue;
    }
    const outcome = await recordMailEvent(mailEventDeps(), parsed);
    logger.info('ses event', { kind: parsed.kind, messageId: parsed.messageId, outcome });
    if (outcome === 'paused') {
      // one per pause (the pause is a conditional write): the SendingPaused alarm (infra/constructs/monitoring.ts)
      logger.warn('org sending paused', { orgId: parsed.tags.orgId });
      metrics.count('SendingPaused');
    }
  }
}
