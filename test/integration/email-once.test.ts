import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as dispatcher } from '../../functions/workers/dispatcher.ts';
import { handler as reminderWorker } from '../../functions/workers/reminder.ts';
import { direct } from '../helpers/direct.ts';
import { linkTokenIn, type User, useStack } from '../helpers/stack.ts';

/**
 * Every kind of email is sent once per send, however often its stream record is handled (the event
 * source mapping retries a batch after a failure or a timeout). The stack's stream poller is
 * stopped: each test builds the records the stream would carry from the items before and after the
 * change (written by the real routes and workers) and hands the same batch to the dispatcher twice.
 */
const api = useStack();
const db = direct(api);
const DAY = 86_400;

beforeAll(async () => {
  await api.stack.poller.stop();
});

type Item = Record<string, unknown>;
let sequence = 0;
function recordOf(before: Item | undefined, after: Item | undefined): DynamoDBStreamEvent['Records'][number] {
  const keyOf = (after ?? before) as Item;
  return {
    eventID: `e${++sequence}`,
    eventName: before && after ? 'MODIFY' : after ? 'INSERT' : 'REMOVE',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: marshall({ PK: keyOf.PK, SK: keyOf.SK }) as Record<string, AttributeValue>,
      ...(after ? { NewImage: marshall(after, { removeUndefinedValues: true }) as Record<string, AttributeValue> } : {}),
      ...(before ? { OldImage: marshall(before, { removeUndefinedValues: true }) as Record<string, AttributeValue> } : {}),
      SequenceNumber: String(sequence),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  } as DynamoDBStreamEvent['Records'][number];
}

/** The batch handled, then handled again as a retry would: the failures of each, and the emails to `to`. */
async function twice(records: DynamoDBStreamEvent['Records'], to: string) {
  const first = await dispatcher({ Records: records });
  await api.stack.settle();
  const again = await dispatcher({ Records: records });
  await api.stack.settle();
  return { failures: [...first.batchItemFailures, ...again.batchItemFailures], mails: await api.stack.ses.emails(to) };
}

async function invited(admin: User, orgId: string, who: User) {
  const res = await api.invite(admin, orgId, { emails: who.email });
  const invitationId = res.body.results[0]!.invitationId as string;
  return { invitationId, item: (await db.item(`ORG#${orgId}`, `INV#${invitationId}`)) as Item };
}

describe('each email is sent once, however often its stream record is handled', () => {
  it('the invitation email and a resend: one email each', async () => {
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    const { invitationId, item } = await invited(ada, org.orgId, bob);

    const first = await twice([recordOf(undefined, item)], bob.email);
    await api.setClock(61);
    expect((await api.as(ada).post(`/orgs/${org.orgId}/invitations/${invitationId}/resend`)).status).toBe(200);
    const resent = (await db.item(`ORG#${org.orgId}`, `INV#${invitationId}`)) as Item;
    const second = await twice([recordOf(item, resent)], bob.email);
    const view = (await api.as(ada).get(`/orgs/${org.orgId}/invitations/${invitationId}`)).body.invitation;
    await api.setClock(0);

    expect(first.failures).toEqual([]);
    expect(first.mails).toHaveLength(1);
    expect(second.failures).toEqual([]);
    expect(second.mails).toHaveLength(2);
    expect(view).toMatchObject({ sendsRequested: 2, sendCount: 2, delivery: { status: 'sent' } });
  });

  it('a resend that lands before the first email was dispatched: one email with the newer link, sendCount 1, audited as coalesced once', async () => {
    // Prepare: the invitation and its resend are both written before the dispatcher runs
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    const { invitationId, item } = await invited(ada, org.orgId, bob);
    await api.setClock(61);
    expect((await api.as(ada).post(`/orgs/${org.orgId}/invitations/${invitationId}/resend`)).status).toBe(200);
    const resent = (await db.item(`ORG#${org.orgId}`, `INV#${invitationId}`)) as Item;

    // Act: the stream's two records of the item, in order, in one batch, handled twice
    const { failures, mails } = await twice([recordOf(undefined, item), recordOf(item, resent)], bob.email);
    const view = (await api.as(ada).get(`/orgs/${org.orgId}/invitations/${invitationId}`)).body.invitation;
    const coalesced = (await api.as(ada).get(`/orgs/${org.orgId}/audit?type=invitation.resend_coalesced`)).body.items;
    const resends = (await api.as(ada).get(`/orgs/${org.orgId}/audit?type=invitation.resent`)).body.items;
    await api.setClock(0);

    // Assess
    expect(failures).toEqual([]);
    expect(mails).toHaveLength(1);
    expect(linkTokenIn(mails[0]?.text ?? '')).toBe(await db.linkToken(org.orgId, invitationId));
    expect(view).toMatchObject({ sendsRequested: 2, sendCount: 1, delivery: { status: 'sent' } });
    expect(coalesced).toHaveLength(1);
    expect(coalesced[0]).toMatchObject({ actor: { system: true }, target: { invitationId }, details: { sendCount: 1, coalescedInto: 2 } });
    expect(resends).toHaveLength(1);
  });

  it('the reminder: one email', async () => {
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    const { invitationId, item } = await invited(ada, org.orgId, bob);
    await twice([recordOf(undefined, item)], bob.email);
    await api.setClock(5 * DAY + 60);
    expect(await reminderWorker({ kind: 'reminder', orgId: org.orgId, invitationId })).toEqual({ outcome: 'reminded' });
    const reminded = (await db.item(`ORG#${org.orgId}`, `INV#${invitationId}`)) as Item;

    const { failures, mails } = await twice([recordOf({ ...reminded, remindedAt: undefined }, reminded)], bob.email);
    await api.setClock(0);

    expect(failures).toEqual([]);
    expect(mails.map((m) => m.subject.startsWith('Reminder: '))).toEqual([false, true]);
  });

  it('the note to the inviter when their invitation is accepted: one email', async () => {
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    const { invitationId, item } = await invited(ada, org.orgId, bob);
    const token = await db.linkToken(org.orgId, invitationId);
    expect((await api.as(bob).post('/invitations/accept', { token })).status).toBe(200);
    const accepted = (await db.item(`ORG#${org.orgId}`, `INV#${invitationId}`)) as Item;
    const before = (await api.stack.ses.emails(ada.email)).length;

    const { failures, mails } = await twice([recordOf(item, accepted)], ada.email);

    expect(failures).toEqual([]);
    expect(mails.length - before).toBe(1);
  });

  it('the "you were added" email of a direct add: one email', async () => {
    await api.setClock(0);
    const ada = await api.user('Ada');
    const org = await api.createOrg(ada);
    const known = await api.user('Known');
    await api.createOrg(known, { name: 'Known Co' });
    // direct add as the operator and the admin allow it: an enterprise plan, the org's own domain
    await api.setPlan(org.orgId, 'enterprise');
    expect((await api.as(ada).patch(`/orgs/${org.orgId}`, { allowedDomains: ['example.com'], directAddExistingUsers: true })).status).toBe(200);
    expect((await api.invite(ada, org.orgId, { emails: known.email })).body.results[0]!.status).toBe('added');
    const member = (await db.item(`ORG#${org.orgId}`, `MEMBER#${known.userId}`)) as Item;

    const { failures, mails } = await twice([recordOf(undefined, member)], known.email);

    expect(failures).toEqual([]);
    expect(mails.map((m) => m.subject)).toEqual(['You were added to Acme']);
  });

  it('the request for a new invitation, told to each admin: one email each', async () => {
    const { admin: ada, org, invitee: bob } = await api.orgAndInvitee();
    const { invitationId, item } = await invited(ada, org.orgId, bob);
    const token = await db.linkToken(org.orgId, invitationId);
    await api.setClock(8 * DAY);
    expect((await api.as(bob).post('/invitations/request-new', { token })).status).toBe(200);
    const requested = (await db.item(`ORG#${org.orgId}`, `INV#${invitationId}`)) as Item;

    const { failures, mails } = await twice([recordOf(item, requested)], ada.email);
    await api.setClock(0);

    expect(failures).toEqual([]);
    expect(mails).toHaveLength(1);
  });
});
