import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as dispatcher } from '../../functions/workers/dispatcher.ts';
import { keys } from '../../shared/db/table.ts';
import { expiryScheduleName } from '../../shared/domain/invitations/schedules.ts';
import { useStack } from '../helpers/stack.ts';

const api = useStack();

const DAY = 86_400;

async function auditOf(orgId: string, type: string) {
  const page = await api.stack.runtime.deps.audit.list(orgId, { types: [type] }, { limit: 200 });
  return page.items;
}

async function storedOrg(orgId: string) {
  const { table } = api.stack.runtime;
  return (await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.org(orgId), ConsistentRead: true }))).Item!;
}

describe('expiry', () => {
  it('an invitation that expires unaccepted is recorded once: audit event, status, counter', async () => {
    // Prepare
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    const carol = await api.user('Carol');
    const res = await api.invite(admin, org.orgId, { emails: [bob.email, carol.email] });
    const [bobId] = res.body.results.map((r) => r.invitationId) as string[];
    await api.stack.settle();
    expect((await storedOrg(org.orgId)).pendingCount).toBe(2);

    // Act: a minute before the deadline, then past it, then much later
    await api.setClock(7 * DAY - 60);
    await api.stack.settle();
    const before = await auditOf(org.orgId, 'invitation.expired');
    await api.setClock(7 * DAY + 2);
    await api.stack.settle();
    const list = await api.as(admin).get(`/orgs/${org.orgId}/invitations`);
    const expiredList = await api.as(admin).get(`/orgs/${org.orgId}/invitations?status=expired`);
    await api.setClock(20 * DAY);
    await api.stack.settle();
    const events = await auditOf(org.orgId, 'invitation.expired');

    // Assess
    expect(before).toHaveLength(0);
    expect(list.body.items.map((i: { status: string }) => i.status)).toEqual(['expired', 'expired']);
    expect(expiredList.body.items).toHaveLength(2);
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.target.invitationId)).toContain(bobId);
    expect(events[0]!.actor).toEqual({ system: true });
    const stored = await api.stack.runtime.deps.invitations.get(org.orgId, bobId!);
    expect(stored?.status).toBe('expired');
    expect((await storedOrg(org.orgId)).pendingCount).toBe(0);
    await api.setClock(0);
  });

  it('a silent invitation is recorded as expired too', async () => {
    // Prepare
    const { admin, org, invitee: bob } = await api.orgAndInvitee();
    await api.invite(admin, org.orgId, { emails: bob.email, sendEmail: false });
    await api.stack.settle();

    // Act
    await api.setClock(7 * DAY + 2);
    await api.stack.settle();

    // Assess
    expect(await auditOf(org.orgId, 'invitation.expired')).toHaveLength(1);
    await api.setClock(0);
  });

  it('when TTL purges an invitation nothing closed, the expiry is still audited once and the counter released once', async () => {
    // Prepare: the expiry schedule is lost (say it ended in its DLQ), the deadline passes unrecorded
    await api.setClock(0);
    const { org, invitationId: id } = await api.inviteOne();
    await api.stack.scheduler.cancel(expiryScheduleName(id));
    await api.setClock(40 * DAY);
    await api.stack.settle();
    expect(await auditOf(org.orgId, 'invitation.expired')).toHaveLength(0);
    const { table } = api.stack.runtime;
    const old = (await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.invitationKey(org.orgId, id) }))).Item!;

    // Act: DynamoDB Local never runs TTL, so delete the item (a user REMOVE, which the dispatcher
    // must ignore) and then deliver the TTL-shaped record for it, twice (a retried batch).
    await table.doc.send(new DeleteCommand({ TableName: table.name, Key: keys.invitationKey(org.orgId, id) }));
    await api.stack.settle();
    const afterUserDelete = await auditOf(org.orgId, 'invitation.expired');
    const ttlRecord = {
      eventID: 'ttl-1',
      eventName: 'REMOVE',
      eventSource: 'aws:dynamodb',
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      dynamodb: {
        Keys: marshall(keys.invitationKey(org.orgId, id)),
        OldImage: marshall(old, { removeUndefinedValues: true }),
        SequenceNumber: '1',
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
    const event = { Records: [ttlRecord] } as unknown as DynamoDBStreamEvent;
    const first = await dispatcher(event);
    const second = await dispatcher(event);

    // Assess
    expect(afterUserDelete).toHaveLength(0);
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    const events = await auditOf(org.orgId, 'invitation.expired');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ at: old.expiresAt, target: { invitationId: id }, details: { via: 'ttl' } });
    expect((await storedOrg(org.orgId)).pendingCount).toBe(0);
    await api.setClock(0);
  });

  it('TTL purging an invitation that was already closed changes nothing', async () => {
    // Prepare
    await api.setClock(0);
    const { org, invitationId: id } = await api.inviteOne();
    await api.setClock(7 * DAY + 2);
    await api.stack.settle();
    const { table } = api.stack.runtime;
    const old = (await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.invitationKey(org.orgId, id) }))).Item!;

    // Act
    const result = await dispatcher({
      Records: [
        {
          eventID: 'ttl-2',
          eventName: 'REMOVE',
          eventSource: 'aws:dynamodb',
          userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
          dynamodb: { OldImage: marshall(old, { removeUndefinedValues: true }), SequenceNumber: '2' },
        },
      ],
    } as unknown as DynamoDBStreamEvent);

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(old.status).toBe('expired');
    expect(await auditOf(org.orgId, 'invitation.expired')).toHaveLength(1);
    expect((await storedOrg(org.orgId)).pendingCount).toBe(0);
    await api.setClock(0);
  });
});
