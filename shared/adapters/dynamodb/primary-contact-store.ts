import { keys } from '../../db/table.ts';
import type { PrimaryContactStore, PrimaryContactWrite } from '../../ports.ts';
import type { Table } from './client.ts';
import { Transaction } from './transactions.ts';
import { actorStillAdmin, auditPut, pick } from './tx-items.ts';

export class DynamoPrimaryContactStore implements PrimaryContactStore {
  constructor(private readonly t: Table) {}

  async move(w: PrimaryContactWrite): Promise<'done' | 'not_active' | 'stale'> {
    const cancelled = await new Transaction(this.t)
      .add('org', {
        Update: {
          TableName: this.t.name,
          Key: keys.org(w.orgId),
          // two admins moving it at once: the second finds it moved and re-reads
          ConditionExpression: w.from === null ? 'attribute_exists(PK) AND attribute_not_exists(primaryContactUserId)' : 'primaryContactUserId = :from',
          UpdateExpression: 'SET primaryContactUserId = :to',
          ExpressionAttributeValues: { ':to': w.to, ...(w.from === null ? {} : { ':from': w.from }) },
        },
      })
      .add('to', {
        // The race this prevents: a move to someone being suspended or removed at the same moment.
        // Their write asserts they are not the primary contact, this one that they are active.
        ConditionCheck: {
          TableName: this.t.name,
          Key: pick(keys.member(w.orgId, w.to)),
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'active' },
        },
      })
      // an admin naming themself: the transaction folds this check into the one above, on the same row
      // (transactions.ts foldChecks), so a failure of either is reported as 'to'
      .add('actor', actorStillAdmin(this.t.name, w.orgId, w.actorAdminId, w.event.at))
      .add('audit', auditPut(this.t, w.event))
      .commit();
    if (!cancelled) return 'done';
    return cancelled.failed('to') && !cancelled.failed('org') ? 'not_active' : 'stale';
  }
}
