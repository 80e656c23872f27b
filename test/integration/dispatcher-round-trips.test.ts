import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as dispatcher } from '../../functions/workers/dispatcher.ts';
import { instrument, measure } from '../../measure/instrument.ts';
import { invoke } from '../../measure/invoke.ts';
import { keys } from '../../shared/db/table.ts';
import { useStack } from '../helpers/stack.ts';

// A stack of its own: settling here waits for this file's ten emails only, not for the 1100 of the
// round-trip budget test (which took over 300 s to send on a loaded machine)
const api = useStack();

describe('DynamoDB round trips of the stream dispatcher', () => {
  it('the stream dispatcher reads an org once per batch of a bulk invite, not once per email', async () => {
    // Prepare: ten invitations of one org, emailed already; their INSERT records replayed as one batch
    instrument(api.stack.runtime.table.doc);
    const { table } = api.stack.runtime;
    const admin = { userId: 'usr_rt_bulk', email: 'rt-bulk@example.com' };
    const orgId = (await invoke('POST', '/orgs', { caller: admin, body: { name: 'Batch' } })).body.org.orgId as string;
    const emails = Array.from({ length: 10 }, (_, i) => `batch${i}@example.com`);
    const invited = await invoke('POST', '/orgs/{orgId}/invitations', { caller: admin, params: { orgId }, body: { emails } });
    await api.stack.settle();
    const ids = invited.body.results.map((r: { invitationId: string }) => r.invitationId) as string[];
    const records = await Promise.all(
      ids.map(async (id, i) => {
        const item = (await table.doc.send(new GetCommand({ TableName: table.name, Key: keys.invitationKey(orgId, id), ConsistentRead: true }))).Item;
        return {
          eventID: `batch-${i}`,
          eventName: 'INSERT',
          eventSource: 'aws:dynamodb',
          dynamodb: { Keys: marshall(keys.invitationKey(orgId, id)), NewImage: marshall(item, { removeUndefinedValues: true }), SequenceNumber: String(i) },
        };
      }),
    );

    // Act
    const { result, calls } = await measure(() => dispatcher({ Records: records } as unknown as DynamoDBStreamEvent));

    // Assess: each email re-reads its invitation (a retried record must not send twice), the org is read once
    expect(result.batchItemFailures).toEqual([]);
    const orgReads = calls.filter((c) => c.command === 'BatchGetItemCommand' && JSON.stringify(c.input).includes('"SK":"ORG"'));
    expect(orgReads).toHaveLength(1);
    expect(calls.filter((c) => c.command === 'GetItemCommand')).toHaveLength(10);
  });
});
