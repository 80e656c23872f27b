import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, toEpochSeconds } from '../../db/table.ts';
import type { AccessScheduleRetry, AccessScheduleRetryStore } from '../../ports.ts';
import type { Table } from './client.ts';
import { firstInPartition } from './query-all.ts';
import { isConditionFailure } from './transactions.ts';
import { pick } from './tx-items.ts';

/** A marker outlives any end it can be about (at most 5 years ahead) only by mistake: TTL tidies it then. */
const MARKER_TTL_DAYS = 1830;

/**
 * AP23: members' ends of access whose reminder or removal schedule could not be created. Written by the
 * stream dispatcher only on a failure, so the partition stays a short list the periodic job walks.
 */
export class DynamoAccessScheduleRetryStore implements AccessScheduleRetryStore {
  constructor(private readonly t: Table) {}

  async recordFailure(r: AccessScheduleRetry, failure: { at: string; detail: string }) {
    await this.t.doc.send(
      new UpdateCommand({
        TableName: this.t.name,
        Key: keys.accessScheduleRetry(r.orgId, r.userId, r.accessUntil),
        UpdateExpression:
          'SET entity = :entity, orgId = :org, userId = :user, accessUntil = :until, failedAt = :at, detail = :detail, #ttl = :ttl ADD attempts :one',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':entity': itemTypes.accessScheduleRetry,
          ':org': r.orgId,
          ':user': r.userId,
          ':until': r.accessUntil,
          ':at': failure.at,
          ':detail': failure.detail.slice(0, 500),
          ':ttl': toEpochSeconds(failure.at) + MARKER_TTL_DAYS * 86_400,
          ':one': 1,
        },
      }),
    );
  }

  async clear(r: AccessScheduleRetry) {
    await this.t.doc.send(new DeleteCommand({ TableName: this.t.name, Key: keys.accessScheduleRetry(r.orgId, r.userId, r.accessUntil) }));
  }

  // AP23
  async list(limit: number) {
    return (await firstInPartition(this.t, keys.accessScheduleRetryPartition().PK, limit)).map((i) => ({
      orgId: String(i.orgId),
      userId: String(i.userId),
      accessUntil: String(i.accessUntil),
      attempts: Number(i.attempts ?? 0),
    }));
  }

  async requestRetry(r: AccessScheduleRetry, at: string) {
    try {
      await this.t.doc.send(
        new UpdateCommand({
          TableName: this.t.name,
          Key: pick(keys.member(r.orgId, r.userId)),
          // the member still has this end: another end has schedules of its own, no member needs none
          ConditionExpression: 'accessUntil = :until',
          UpdateExpression: 'SET accessSchedulesRetryAt = :at',
          ExpressionAttributeValues: { ':until': r.accessUntil, ':at': at },
        }),
      );
      return 'requested' as const;
    } catch (error) {
      if (isConditionFailure(error)) return 'moved_on' as const;
      throw error;
    }
  }
}
