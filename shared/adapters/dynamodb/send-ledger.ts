import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, toEpochSeconds } from '../../db/table.ts';
import type { AuditEvent } from '../../domain/model.ts';
import type { SendLedger } from '../../ports.ts';
import type { Table } from './client.ts';
import { conditions } from './conditions.ts';
import { conditionalUpdate, isConditionFailure, Transaction } from './transactions.ts';
import { auditPut } from './tx-items.ts';

/** A claim outlives every retry of its send (the stream keeps a record a day at most). */
const KEEP_DAYS = 7;

/**
 * AP15, one item per email send. The claim is one conditional write, so two attempts at the same
 * send (a retried stream batch beside a slow first one) cannot both pass it.
 */
export class DynamoSendLedger implements SendLedger {
  constructor(private readonly t: Table) {}

  async claim(sendId: string, now: Date, leaseMs: number) {
    try {
      await this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: keys.emailSend(sendId),
          // free: never claimed, refused by the mailer (certainly not sent), or a claim whose holder
          // neither marked nor released it within the lease (it died: whether SES took the email is
          // unknown, and sending again is the documented residual window)
          ConditionExpression: 'attribute_not_exists(PK) OR #s = :released OR (#s = :sending AND claimedAt < :staleBefore)',
          UpdateExpression: 'SET entity = :entity, #s = :sending, claimedAt = :now, #ttl = :ttl ADD attempts :one',
          ExpressionAttributeNames: { '#s': 'status', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':entity': itemTypes.emailSend,
            ':released': 'released',
            ':sending': 'sending',
            ':now': now.toISOString(),
            ':staleBefore': new Date(now.getTime() - leaseMs).toISOString(),
            ':one': 1,
            ':ttl': toEpochSeconds(now.toISOString()) + KEEP_DAYS * 86_400,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { outcome: 'claimed' as const };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // the item as it was (ALL_OLD); the document client leaves an error's Item in the wire format
      const held = (error as { Item?: Record<string, { S?: string } | string> }).Item;
      const text = (v: { S?: string } | string | undefined) => (typeof v === 'string' ? v : v?.S);
      const status = text(held?.status);
      const claimedAt = text(held?.claimedAt);
      // sent, or superseded by a newer send: either way there is nothing to send
      if (status === 'sent' || status === 'superseded') return { outcome: 'sent' as const };
      return { outcome: 'in_flight' as const, ...(claimedAt ? { claimedAt } : {}) };
    }
  }

  async markSent(sendId: string, now: Date, messageId: string) {
    await this.t.doc.send(
      new UpdateCommand({
        TableName: this.t.name,
        Key: keys.emailSend(sendId),
        UpdateExpression:
          'SET entity = :entity, #s = :sent, sentAt = if_not_exists(sentAt, :now), messageId = if_not_exists(messageId, :m), #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#s': 'status', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':entity': itemTypes.emailSend,
          ':sent': 'sent',
          ':now': now.toISOString(),
          ':m': messageId,
          ':ttl': toEpochSeconds(now.toISOString()) + KEEP_DAYS * 86_400,
        },
      }),
    );
  }

  async supersede(sendId: string, now: Date, event: AuditEvent) {
    const cancelled = await new Transaction(this.t)
      .add('send', {
        Put: {
          TableName: this.t.name,
          Item: {
            ...keys.emailSend(sendId),
            entity: itemTypes.emailSend,
            status: 'superseded',
            claimedAt: now.toISOString(),
            ttl: toEpochSeconds(now.toISOString()) + KEEP_DAYS * 86_400,
          },
          ...conditions.unclaimed,
        },
      })
      .add('audit', auditPut(this.t, event))
      .commit();
    return cancelled === null;
  }

  async release(sendId: string) {
    await conditionalUpdate(this.t, {
      Key: keys.emailSend(sendId),
      // never un-send: a Send event may have marked it meanwhile
      ConditionExpression: '#s = :sending',
      UpdateExpression: 'SET #s = :released',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':sending': 'sending', ':released': 'released' },
    });
  }
}
