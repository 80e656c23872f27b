import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/table.ts';
import type { PrimaryContactStore, PrimaryContactWrite } from '../../ports.ts';
import type { Table } from './client.ts';
import { auditItem } from './items.ts';
import type { TxItem } from './transactions.ts';
import { cancellationReasons } from './transactions.ts';
import { actorStillAdmin, pick } from './tx-items.ts';

export class DynamoPrimaryContactStore implements PrimaryContactStore {
  constructor(private readonly t: Table) {}

  async move(w: PrimaryContactWrite): Promise<'done' | 'not_active' | 'stale'> {
    const self = w.to === w.actorAdminId;
    const tx: TxItem[] = [
      {
        Update: {
          TableName: this.t.name,
          Key: keys.org(w.orgId),
          // two admins moving it at once: the second finds it moved and re-reads
          ConditionExpression: w.from === null ? 'attribute_exists(PK) AND attribute_not_exists(primaryContactUserId)' : 'primaryContactUserId = :from',
          UpdateExpression: 'SET primaryContactUserId = :to',
          ExpressionAttributeValues: { ':to': w.to, ...(w.from === null ? {} : { ':from': w.from }) },
        },
      },
      {
        // The race this prevents: a move to someone being suspended or removed at the same moment.
        // Their write asserts they are not the primary contact, this one that they are active.
        ConditionCheck: {
          TableName: this.t.name,
          Key: pick(keys.member(w.orgId, w.to)),
          ConditionExpression: self ? '#status = :active AND #role = :admin' : '#status = :active',
          ExpressionAttributeNames: { '#status': 'status', ...(self ? { '#role': 'role' } : {}) },
          ExpressionAttributeValues: { ':active': 'active', ...(self ? { ':admin': 'admin' } : {}) },
        },
      },
      ...(self ? [] : [actorStillAdmin(this.t.name, w.orgId, w.actorAdminId)]),
      { Put: { TableName: this.t.name, Item: auditItem(w.event, this.t.retention.auditDays) } },
    ];
    try {
      await this.t.doc.send(new TransactWriteCommand({ TransactItems: tx }));
      return 'done';
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[1]?.code === 'ConditionalCheckFailed' && reasons[0]?.code !== 'ConditionalCheckFailed') return 'not_active';
      return 'stale';
    }
  }
}
