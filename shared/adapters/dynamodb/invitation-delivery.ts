import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, tableDefinition, toEpochSeconds } from '../../db/table.ts';
import type { Delivery, Invitation } from '../../domain/model.ts';
import type { DeliveryRecordOptions, ScheduleRecord } from '../../ports.ts';
import type { Table } from './client.ts';
import { firstInPartition } from './query-all.ts';
import { isConditionFailure, Transaction } from './transactions.ts';
import { auditPut } from './tx-items.ts';

/** A reputation day's counters outlive the longest window the configuration allows (30 days; config.ts). */
const REPUTATION_DAYS_KEPT = 32;

/** What the dispatcher and the workers record on an invitation: the delivery of its email, its schedules. */
export class InvitationDelivery {
  constructor(private readonly t: Table) {}

  async recordDelivery(inv: Pick<Invitation, 'orgId' | 'invitationId' | 'sendCount'>, delivery: Delivery, opts: DeliveryRecordOptions = {}) {
    const from = opts.onlyFrom ?? [];
    const conditionsOf = [
      // a late record about an older send must not overwrite the status of a newer one
      'sendCount = :n',
      ...(from.length > 0 ? [`(attribute_not_exists(delivery) OR delivery.#ds IN (${from.map((_, i) => `:from${i}`).join(', ')}))`] : []),
      ...(opts.notAlready ? ['(attribute_not_exists(delivery) OR delivery.#ds <> :same)'] : []),
    ];
    const update = {
      TableName: this.t.name,
      Key: keys.invitationKey(inv.orgId, inv.invitationId),
      ConditionExpression: conditionsOf.join(' AND '),
      UpdateExpression: opts.countSent ? 'SET delivery = :d ADD emailsSent :one' : 'SET delivery = :d',
      ...(from.length > 0 || opts.notAlready ? { ExpressionAttributeNames: { '#ds': 'status' } } : {}),
      ExpressionAttributeValues: {
        ':n': inv.sendCount,
        ':d': delivery,
        ...Object.fromEntries(from.map((f, i) => [`:from${i}`, f])),
        ...(opts.countSent ? { ':one': 1 } : {}),
        ...(opts.notAlready ? { ':same': delivery.status } : {}),
      },
    };
    try {
      if (opts.event || opts.tally || opts.suppress) {
        // the counter moves only with the status it counts: a retried event finds the status set and adds nothing
        const cancelled = await new Transaction(this.t)
          .add('invitation', { Update: update })
          .add('audit', opts.event ? auditPut(this.t, opts.event) : null)
          .add(
            'tally',
            opts.tally
              ? {
                  Update: {
                    TableName: this.t.name,
                    Key: keys.reputationDay(inv.orgId, opts.tally.day),
                    UpdateExpression: 'SET entity = :entity, #day = :day, #ttl = if_not_exists(#ttl, :ttl) ADD #field :one',
                    ExpressionAttributeNames: { '#field': opts.tally.field, '#day': 'day', '#ttl': tableDefinition.ttlAttribute },
                    ExpressionAttributeValues: {
                      ':entity': itemTypes.reputationDay,
                      ':day': opts.tally.day,
                      ':one': 1,
                      ':ttl': toEpochSeconds(opts.tally.day) + REPUTATION_DAYS_KEPT * 86_400,
                    },
                  },
                }
              : null,
          )
          .add(
            'suppress',
            opts.suppress
              ? {
                  Put: {
                    TableName: this.t.name,
                    Item: {
                      ...keys.suppression(inv.orgId, opts.suppress.email),
                      entity: itemTypes.suppression,
                      email: opts.suppress.email,
                      reason: opts.suppress.reason,
                      at: delivery.at,
                      invitationId: inv.invitationId,
                    },
                  },
                }
              : null,
          )
          .commit();
        if (cancelled) {
          if (cancelled.failed('invitation')?.code === 'ConditionalCheckFailed') return 'stale' as const;
          throw new Error(`delivery record refused by ${cancelled.failedNames.join(', ')}`);
        }
      } else {
        await this.t.doc.send(new UpdateCommand(update));
      }
      return 'recorded' as const;
    } catch (e) {
      if (isConditionFailure(e)) return 'stale' as const;
      throw e;
    }
  }

  async recordSchedules(inv: Pick<Invitation, 'orgId' | 'invitationId'>, state: ScheduleRecord) {
    const key = keys.invitationKey(inv.orgId, inv.invitationId);
    const marker = keys.scheduleRetry(inv.orgId, inv.invitationId);
    try {
      if (state.status === 'dropped') {
        await this.t.doc.send(new DeleteCommand({ TableName: this.t.name, Key: marker }));
        return 'recorded' as const;
      }
      if (state.status === 'retry') {
        // only a failure is retried; the change is what the dispatcher reacts to
        await this.t.doc.send(
          new UpdateCommand({
            TableName: this.t.name,
            Key: key,
            ConditionExpression: 'schedules.#s = :failed',
            UpdateExpression: 'SET schedules.retryAt = :at',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':failed': 'failed', ':at': state.at },
          }),
        );
        return 'recorded' as const;
      }
      const update = {
        TableName: this.t.name,
        Key: key,
        ConditionExpression: 'attribute_exists(PK)',
        UpdateExpression: 'SET schedules = :s',
        ExpressionAttributeValues: { ':s': state },
      };
      const cancelled = await new Transaction(this.t)
        .add('invitation', { Update: update })
        .add(
          'retryMarker',
          state.status === 'failed'
            ? {
                Put: {
                  TableName: this.t.name,
                  Item: {
                    ...marker,
                    entity: itemTypes.scheduleRetry,
                    orgId: inv.orgId,
                    invitationId: inv.invitationId,
                    at: state.at,
                    ttl: toEpochSeconds(state.at) + this.t.retention.invitationDays * 86_400,
                  },
                },
              }
            : { Delete: { TableName: this.t.name, Key: marker } },
        )
        .commit();
      return cancelled ? ('stale' as const) : ('recorded' as const);
    } catch (e) {
      if (isConditionFailure(e)) return 'stale' as const;
      throw e;
    }
  }

  // AP16: the few invitations whose schedules failed, oldest marker first
  async listScheduleRetries(limit: number) {
    return (await firstInPartition(this.t, keys.scheduleRetryPartition().PK, limit)).map((i) => ({
      orgId: String(i.orgId),
      invitationId: String(i.invitationId),
    }));
  }
}
