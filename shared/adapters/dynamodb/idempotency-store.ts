import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { itemTypes, keys, toEpochSeconds } from '../../db/table.ts';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from '../../ports.ts';
import type { Table } from './client.ts';
import { conditionalWrite, isConditionFailure } from './transactions.ts';

/** AP8: one record per (caller, Idempotency-Key), claimed with a conditional Put. */
export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(private readonly t: Table) {}

  async claim(c: {
    callerId: string;
    key: string;
    fingerprint: string;
    now: string;
    lockedUntil: string;
    expiresAt: string;
  }): Promise<IdempotencyRecord | null> {
    try {
      await this.t.doc.send(
        new PutCommand({
          TableName: this.t.name,
          Item: {
            ...keys.idempotency(c.callerId, c.key),
            entity: itemTypes.idempotency,
            state: 'in_progress',
            fingerprint: c.fingerprint,
            lockedUntil: c.lockedUntil,
            expiresAt: c.expiresAt,
            ttl: toEpochSeconds(c.expiresAt),
          },
          // Two requests with one key race here and only one Put passes. A record past its 24 h is
          // free again (TTL deletion can lag by days); an in-progress claim whose lock ran out was
          // abandoned by a crashed invocation, and the same request may take it over.
          ConditionExpression: 'attribute_not_exists(PK) OR expiresAt <= :now OR (#state = :inProgress AND lockedUntil <= :now AND fingerprint = :fp)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':now': c.now, ':inProgress': 'in_progress', ':fp': c.fingerprint },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return null;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const old = (error as { Item?: Record<string, AttributeValue> }).Item;
      const item = old ? unmarshall(old) : await this.read(c.callerId, c.key);
      // deleted between the failed Put and the read: report it as busy, the client retries
      if (!item) return { state: 'in_progress', fingerprint: c.fingerprint } satisfies IdempotencyRecord;
      return item.state === 'completed'
        ? { state: 'completed', fingerprint: String(item.fingerprint), response: item.response as StoredResponse }
        : { state: 'in_progress', fingerprint: String(item.fingerprint) };
    }
  }

  async complete(callerId: string, key: string, response: StoredResponse) {
    await this.t.doc.send(
      new UpdateCommand({
        TableName: this.t.name,
        Key: keys.idempotency(callerId, key),
        UpdateExpression: 'SET #state = :completed, #response = :response REMOVE lockedUntil',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':completed': 'completed', ':response': response },
      }),
    );
  }

  async release(callerId: string, key: string) {
    await conditionalWrite(
      this.t.doc.send(
        new DeleteCommand({
          TableName: this.t.name,
          Key: keys.idempotency(callerId, key),
          // never drop a stored response: only an unfinished claim is released
          ConditionExpression: '#state = :inProgress',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'in_progress' },
        }),
      ),
    );
  }

  private async read(callerId: string, key: string) {
    const res = await this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: keys.idempotency(callerId, key), ConsistentRead: true }));
    return res.Item;
  }
}
