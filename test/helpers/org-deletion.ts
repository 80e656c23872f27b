import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { expect } from 'vitest';
import type { direct } from './direct.ts';
import type { User, useStack } from './stack.ts';

type Api = ReturnType<typeof useStack>;

/* What the org deletion tests share: the stream records they hand the dispatcher, and the org they delete. */

export type Item = Record<string, unknown>;
let sequence = 0;
type StreamRecord = DynamoDBStreamEvent['Records'][number];
const image = (item: Item) => marshall(item, { removeUndefinedValues: true }) as Record<string, AttributeValue>;

/** A stream record as the stream carries it (new image, and the old one of a change). */
function streamRecord(eventName: 'INSERT' | 'MODIFY', after: Item, before?: Item): StreamRecord {
  sequence++;
  return {
    eventID: `d${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: image({ PK: after.PK, SK: after.SK }),
      NewImage: image(after),
      ...(before ? { OldImage: image(before) } : {}),
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as StreamRecord;
}

export const insertRecord = (after: Item): StreamRecord => streamRecord('INSERT', after);

/**
 * Setup, not the rule under test: hands the dispatcher a record as the event source mapping does,
 * again when it is reported failed (at most three tries, the mapping retries more), so a transient
 * failure on a loaded machine does not fail a test about something else. A retry is printed, so it
 * shows in the log; a record that fails three times fails the test.
 */
export async function dispatchAsTheStream(dispatcher: (e: DynamoDBStreamEvent) => Promise<{ batchItemFailures: unknown[] }>, record: StreamRecord) {
  for (let attempt = 1; ; attempt++) {
    const { batchItemFailures } = await dispatcher({ Records: [record] });
    if (batchItemFailures.length === 0) return;
    expect(attempt, `record ${record.eventID} failed ${attempt} times`).toBeLessThan(3);
    console.warn(`setup: record ${record.eventID} failed on try ${attempt}, handed over again as the stream would`);
  }
}
/** The stream record of the org item's change (old and new image). */
export const modifyRecord = (before: Item, after: Item): StreamRecord => streamRecord('MODIFY', after, before);

/** The org the deletion tests delete: `world()` makes one, `del()` deletes it. */
export function deletionWorld(api: Api, db: ReturnType<typeof direct>) {
  /** An org with an admin, a member (joined by accepting) and a pending invitation (emailed, not yet dispatched). */
  async function world(name = `Doomed ${Math.random().toString(36).slice(2, 8)}`) {
    const ada = await api.user('Ada');
    const mo = await api.user('Mo');
    const outsider = await api.user('Out');
    const invitee = await api.user('Ivy');
    const orgId = (await api.createOrg(ada, { name })).orgId;
    await db.join(ada, orgId, mo);
    const inv = await api.invite(ada, orgId, { emails: invitee.email });
    expect(inv.status).toBe(201);
    const invitationId = inv.body.results[0]!.invitationId as string;
    const token = await db.linkToken(orgId, invitationId);
    return { ada, mo, outsider, invitee, orgId, name, invitationId, token };
  }

  const del = (who: User, orgId: string, body?: unknown) => api.as(who).delete(`/orgs/${orgId}`, body);
  return { world, del };
}
