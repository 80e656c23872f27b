import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { PutEventsCommand, PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createEventPublisher, EVENT_SOURCE } from '../../functions/workers/event-publisher.ts';
import { auditItem, auditItemOf, invitationItem } from '../../shared/adapters/dynamodb/items.ts';
import type { AuditEvent, Invitation } from '../../shared/domain/model.ts';
import { createLogger } from '../../shared/logger.ts';
import type { MetricName } from '../../shared/metrics.ts';
import { pendingInvitation } from '../helpers/domain-fixtures.ts';

const audit = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  eventId: 'evt_1',
  orgId: 'org_1',
  type: 'invitation.accepted',
  at: '2026-01-02T03:04:05.000Z',
  actor: { userId: 'user_1', email: 'ann@example.com' },
  target: { invitationId: 'inv_1' },
  details: { role: 'member' },
  ...over,
});

let seq = 0;
const record = (eventName: 'INSERT' | 'MODIFY' | 'REMOVE', next?: object, prev?: object): DynamoDBRecord => {
  seq += 1;
  const img = (o?: object) =>
    o ? (marshall(o, { removeUndefinedValues: true, convertClassInstanceToMap: true }) as Record<string, AttributeValue>) : undefined;
  return {
    eventID: `e${seq}`,
    eventName,
    dynamodb: { SequenceNumber: String(1000 + seq), NewImage: img(next) as never, OldImage: img(prev) as never },
  };
};
const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

/** An EventBridge client that records each PutEvents request and answers with the scripted results. */
function fakeEvents(answers: ((entries: number) => PutEventsCommandOutput | Error)[] = []) {
  const requests: PutEventsCommand['input'][] = [];
  return {
    requests,
    send: async (command: PutEventsCommand) => {
      requests.push(command.input);
      const answer = answers.shift()?.(command.input.Entries?.length ?? 0);
      if (answer instanceof Error) throw answer;
      return answer ?? ({ FailedEntryCount: 0, Entries: command.input.Entries?.map(() => ({ EventId: 'x' })), $metadata: {} } as PutEventsCommandOutput);
    },
  };
}

function prepare(answers?: Parameters<typeof fakeEvents>[0]) {
  const events = fakeEvents(answers);
  const counted: MetricName[] = [];
  const publish = createEventPublisher({
    events: events as never,
    busName: 'org-invitations-test',
    metrics: { count: (name) => counted.push(name) },
    log: createLogger('silent'),
  });
  return { events, counted, publish };
}

const invitation = (delivery?: Invitation['delivery']) =>
  invitationItem(
    pendingInvitation({
      email: 'bob@example.com',
      invitedBy: { userId: 'usr_ada', name: 'Ada' },
      expiresAt: '2026-02-01T00:00:00.000Z',
      createdAt: '2026-01-01T00:00:00.000Z',
      lastSentAt: '2026-01-01T00:00:00.000Z',
      sendCount: 1,
      sendEmail: true,
      ...(delivery ? { delivery } : {}),
    }),
    30,
  );

describe('event publisher', () => {
  it('publishes an inserted audit event to the bus with the documented source, detail-type and detail', async () => {
    // Prepare
    const { events, publish } = prepare();
    const event = audit();
    // Act
    const res = await publish(streamEvent(record('INSERT', auditItem(event, 400))));
    // Assess
    expect(res).toEqual({ batchItemFailures: [] });
    expect(events.requests).toEqual([
      {
        Entries: [
          {
            EventBusName: 'org-invitations-test',
            Source: EVENT_SOURCE,
            DetailType: 'invitation.accepted',
            Detail: JSON.stringify(event),
            Time: new Date('2026-01-02T03:04:05.000Z'),
          },
        ],
      },
    ]);
    expect(JSON.parse(events.requests[0]?.Entries?.[0]?.Detail ?? '{}')).toEqual(event);
  });

  it('publishes nothing for items that are not audit events, nor for audit items that are modified or removed', async () => {
    const { events, publish } = prepare();
    await publish(
      streamEvent(
        record('INSERT', invitation()),
        record('MODIFY', auditItem(audit(), 400), auditItem(audit(), 400)),
        record('REMOVE', undefined, auditItem(audit(), 400)),
      ),
    );
    expect(events.requests).toEqual([]);
  });

  it('sends at most 10 entries per PutEvents call, in stream order', async () => {
    const { events, publish } = prepare();
    const records = Array.from({ length: 23 }, (_, i) => record('INSERT', auditItem(audit({ eventId: `evt_${i}` }), 400)));
    await publish(streamEvent(...records));
    expect(events.requests.map((r) => r.Entries?.length)).toEqual([10, 10, 3]);
    const ids = events.requests.flatMap((r) => r.Entries?.map((e) => JSON.parse(e.Detail ?? '{}').eventId));
    expect(ids).toEqual(records.map((_, i) => `evt_${i}`));
  });

  it('reports the first entry EventBridge refused, so the stream retries from there and nothing is lost', async () => {
    const { publish } = prepare([
      () => ({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'x' }, { EventId: 'c' }], $metadata: {} }),
    ]);
    const records = [0, 1, 2].map((i) => record('INSERT', auditItem(audit({ eventId: `evt_${i}` }), 400)));
    const res = await publish(streamEvent(...records));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }]);
  });

  it('reports the first record of a chunk whose PutEvents call failed', async () => {
    const { publish } = prepare([() => ({ Entries: Array(10).fill({ EventId: 'ok' }), $metadata: {} }), () => new Error('throttled')]);
    const records = Array.from({ length: 12 }, (_, i) => record('INSERT', auditItem(audit({ eventId: `evt_${i}` }), 400)));
    const res = await publish(streamEvent(...records));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: records[10]?.dynamodb?.SequenceNumber }]);
  });

  it('publishes each event of a batch item (one request inviting many) as its own entry, in order', async () => {
    // Prepare
    const { events, publish } = prepare();
    const batch = Array.from({ length: 13 }, (_, i) =>
      audit({ eventId: `evt_${i}`, type: 'invitation.sent', target: { invitationId: `inv_${i}`, email: `p${i}@example.com` } }),
    );
    // Act
    const res = await publish(streamEvent(record('INSERT', auditItemOf(batch.slice(0, 10), 400)), record('INSERT', auditItemOf(batch.slice(10), 400))));
    // Assess
    expect(res).toEqual({ batchItemFailures: [] });
    expect(events.requests.map((r) => r.Entries?.length)).toEqual([10, 3]);
    const published = events.requests.flatMap((r) => r.Entries ?? []);
    expect(published.map((e) => JSON.parse(e.Detail ?? '{}'))).toEqual(batch);
    expect(published.every((e) => e.DetailType === 'invitation.sent')).toBe(true);
  });

  it('reports a batch item as failed when any of its events was not published, and the records after it too', async () => {
    const { publish } = prepare([() => ({ Entries: Array(10).fill({ EventId: 'ok' }), $metadata: {} }), () => new Error('throttled')]);
    const batch = Array.from({ length: 10 }, (_, i) => audit({ eventId: `evt_${i}`, type: 'invitation.sent' }));
    // the first call takes the event before the batch and 9 of its 10; the second, its last and the one after, fails
    const records = [
      record('INSERT', auditItem(audit({ eventId: 'evt_before' }), 400)),
      record('INSERT', auditItemOf(batch, 400)),
      record('INSERT', auditItem(audit({ eventId: 'evt_after' }), 400)),
    ];
    const res = await publish(streamEvent(...records));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: records[1]?.dynamodb?.SequenceNumber }]);
  });

  it('reports a batch item as failed when EventBridge refuses one of its entries', async () => {
    // Prepare: the third of the batch's four entries is refused
    const { publish } = prepare([
      () => ({
        FailedEntryCount: 1,
        Entries: [{ EventId: 'a' }, { EventId: 'b' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'x' }, { EventId: 'd' }, { EventId: 'e' }],
        $metadata: {},
      }),
    ]);
    const batch = Array.from({ length: 4 }, (_, i) => audit({ eventId: `evt_${i}`, type: 'invitation.sent' }));
    const records = [record('INSERT', auditItemOf(batch, 400)), record('INSERT', auditItem(audit({ eventId: 'evt_after' }), 400))];
    // Act
    const res = await publish(streamEvent(...records));
    // Assess
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: records[0]?.dynamodb?.SequenceNumber }]);
  });

  it('counts accepted invitations, sent emails and failed deliveries from the changes themselves', async () => {
    const { counted, publish } = prepare();
    await publish(
      streamEvent(
        record('INSERT', auditItem(audit({ type: 'invitation.accepted' }), 400)),
        record('INSERT', auditItem(audit({ type: 'org.created', eventId: 'evt_2' }), 400)),
        record('MODIFY', invitation({ status: 'sent', at: 'a' }), invitation({ status: 'queued', at: 'a' })),
        record('MODIFY', invitation({ status: 'bounced', at: 'b' }), invitation({ status: 'sent', at: 'a' })),
        // an accept of a sent invitation changes the item but not its delivery: not a second send
        record('MODIFY', invitation({ status: 'sent', at: 'a' }), invitation({ status: 'sent', at: 'a' })),
      ),
    );
    expect(counted).toEqual(['InvitationsAccepted', 'InvitationsSent', 'DeliveryFailures']);
  });

  it('does not count records the stream will deliver again, so a retry cannot count them twice', async () => {
    const { counted, publish } = prepare([() => new Error('throttled')]);
    await publish(
      streamEvent(
        record('MODIFY', invitation({ status: 'sent', at: 'a' }), invitation({ status: 'queued', at: 'a' })),
        record('INSERT', auditItem(audit(), 400)),
        record('MODIFY', invitation({ status: 'failed', at: 'a' }), invitation({ status: 'queued', at: 'a' })),
      ),
    );
    expect(counted).toEqual(['InvitationsSent']);
  });
});
