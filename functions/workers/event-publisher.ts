import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { auditEventsOf } from '../../shared/adapters/dynamodb/items.ts';
import { loadPublisherConfig } from '../../shared/config.ts';
import { itemTypes } from '../../shared/db/table.ts';
import type { DeliveryStatus } from '../../shared/domain/model.ts';
import { createLogger, type Logger } from '../../shared/logger.ts';
import { emfMetrics, type MetricName, type Metrics } from '../../shared/metrics.ts';
import { invocationFields } from '../invocation.ts';

/**
 * Integration events: every audit event the API writes is published to the stack's event bus, so other
 * systems subscribe with an EventBridge rule instead of reading our table. Contract (docs/deploy.md):
 *   source      = 'org-invitations'
 *   detail-type = the audit event type ('invitation.accepted', 'org.created', ...)
 *   detail      = the audit event ({ eventId, orgId, type, at, actor, target, details })
 * Delivery is at least once (a stream retry republishes): subscribers deduplicate on detail.eventId.
 *
 * The same records feed the business metrics, because the stream is the one place that sees each
 * change exactly once per successful batch, whichever Lambda made it.
 */
export const EVENT_SOURCE = 'org-invitations';
/** PutEvents takes at most 10 entries per call. */
const MAX_ENTRIES = 10;
const FAILED_DELIVERY: DeliveryStatus[] = ['failed', 'bounced', 'complained'];

export interface PublisherDeps {
  events: Pick<EventBridgeClient, 'send'>;
  busName: string;
  metrics: Metrics;
  log: Logger;
}

type Image = Record<string, unknown>;
const image = (img: unknown): Image | undefined => (img ? unmarshall(img as Record<string, AttributeValue>) : undefined);
const deliveryStatus = (item: Image | undefined) => (item?.delivery as { status?: DeliveryStatus } | undefined)?.status;

/** One entry per audit event; a batch item (a bulk invite's chunk) holds several. */
function entriesFor(record: DynamoDBRecord, busName: string): PutEventsRequestEntry[] {
  const next = image(record.dynamodb?.NewImage);
  if (record.eventName !== 'INSERT' || next?.entity !== itemTypes.audit) return [];
  return auditEventsOf(next).map((event) => ({
    EventBusName: busName,
    Source: EVENT_SOURCE,
    DetailType: event.type,
    Detail: JSON.stringify(event),
    Time: new Date(event.at),
  }));
}

function metricsFor(record: DynamoDBRecord): MetricName[] {
  const next = image(record.dynamodb?.NewImage);
  if (next?.entity === itemTypes.audit && record.eventName === 'INSERT') {
    return next.type === 'invitation.accepted' ? auditEventsOf(next).map(() => 'InvitationsAccepted' as const) : [];
  }
  if (next?.entity !== itemTypes.invitation) return [];
  const before = deliveryStatus(image(record.dynamodb?.OldImage));
  const after = deliveryStatus(next);
  if (after === before) return [];
  if (after === 'sent') return ['InvitationsSent'];
  return after && FAILED_DELIVERY.includes(after) ? ['DeliveryFailures'] : [];
}

export function createEventPublisher(deps: PublisherDeps) {
  return async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const records = event.Records;
    const entries = records.map((r) => entriesFor(r, deps.busName));
    const firstFailed = await publish(deps, records, entries);
    // Lambda resumes the shard at the first reported failure, so everything before it is done for good:
    // count metrics only for those records, or a retry would count them twice.
    for (const record of records.slice(0, firstFailed ?? records.length)) {
      for (const name of metricsFor(record)) deps.metrics.count(name);
    }
    if (firstFailed === undefined) return { batchItemFailures: [] };
    const failed = records[firstFailed] as DynamoDBRecord;
    return { batchItemFailures: [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? failed.eventID ?? '' }] };
  };
}

/**
 * Publishes in order, 10 at a time; returns the index of the first record that was not published
 * in full. A retry of that record publishes its events again, which at least once allows.
 */
async function publish(deps: PublisherDeps, records: DynamoDBRecord[], entries: PutEventsRequestEntry[][]) {
  const pending = entries.flatMap((list, index) => list.map((entry) => ({ entry, index })));
  for (let i = 0; i < pending.length; i += MAX_ENTRIES) {
    const chunk = pending.slice(i, i + MAX_ENTRIES);
    try {
      const res = await deps.events.send(new PutEventsCommand({ Entries: chunk.map((c) => c.entry) }));
      const failedAt = (res.Entries ?? []).findIndex((e) => e.ErrorCode);
      if (failedAt >= 0) {
        const failed = res.Entries?.[failedAt];
        deps.log.warn('event not published', { errorCode: failed?.ErrorCode, errorMessage: failed?.ErrorMessage });
        return chunk[failedAt]?.index;
      }
    } catch (error) {
      deps.log.warn('PutEvents failed', { error, eventId: records[chunk[0]?.index ?? 0]?.eventID });
      return chunk[0]?.index;
    }
  }
  return undefined;
}

let cached: ReturnType<typeof createEventPublisher> | undefined;

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  if (!cached) {
    const config = loadPublisherConfig();
    cached = createEventPublisher({
      events: new EventBridgeClient({ region: config.AWS_REGION }),
      busName: config.EVENT_BUS_NAME,
      metrics: emfMetrics('event-publisher'),
      log: createLogger(config.LOG_LEVEL, { worker: 'event-publisher' }, undefined, invocationFields),
    });
  }
  return cached(event);
}
