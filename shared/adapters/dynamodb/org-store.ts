import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, tableDefinition } from '../../db/table.ts';
import { conflict } from '../../domain/errors.ts';
import type { AuditEvent, Member, Org, OrgSettings } from '../../domain/model.ts';
import type { KnownUser, OrgStore } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import type { Table } from './client.ts';
import { auditItem, autoJoinItem, fromMemberItem, fromOrgItem, memberClaimItem, memberItem, orgItem, userEmailItem } from './items.ts';
import { isConditionFailure } from './transactions.ts';
import { pick } from './tx-items.ts';

export class DynamoOrgStore implements OrgStore {
  constructor(private readonly t: Table) {}

  async create(org: Org, creator: Member, event: AuditEvent, knownUser?: KnownUser): Promise<void> {
    await this.t.doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: this.t.name, Item: orgItem(org), ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: this.t.name, Item: memberItem(creator) } },
        { Put: { TableName: this.t.name, Item: memberClaimItem(creator) } },
        { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } },
        ...(knownUser ? [{ Put: { TableName: this.t.name, Item: userEmailItem(knownUser) } }] : []),
      ],
    }));
  }

  // AP1: the org and the caller's membership in one BatchGetItem.
  // the same consistent BatchGetItem as getWithMember, of the org's key alone
  async get(orgId: string) {
    const [org] = await batchGetAll(this.t, [keys.org(orgId)]);
    return org ? fromOrgItem(org) : null;
  }

  async getWithMember(orgId: string, userId: string) {
    const items = await batchGetAll(this.t, [keys.org(orgId), pick(keys.member(orgId, userId))]);
    const org = items.find((i) => i.entity === itemTypes.org);
    const member = items.find((i) => i.entity === itemTypes.member);
    return { org: org ? fromOrgItem(org) : null, member: member ? fromMemberItem(member) : null };
  }

  async updateSettings(
    orgId: string,
    change: { name?: string; settings: OrgSettings; expectedVersion: number; autoJoinIndex?: { add: string[]; remove: string[] } },
    event: AuditEvent,
  ) {
    const index = change.autoJoinIndex ?? { add: [], remove: [] };
    try {
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.t.name,
              Key: keys.org(orgId),
              // optimistic: two admins editing at once cannot silently undo each other's change
              ConditionExpression: 'version = :expected',
              UpdateExpression: `SET settings = :settings, version = :next${change.name !== undefined ? ', #name = :name' : ''}`,
              ExpressionAttributeValues: {
                ':settings': change.settings,
                ':expected': change.expectedVersion,
                ':next': change.expectedVersion + 1,
                ...(change.name !== undefined ? { ':name': change.name } : {}),
              },
              ...(change.name !== undefined ? { ExpressionAttributeNames: { '#name': 'name' } } : {}),
            },
          },
          { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } },
          // AP10: the auto-join index changes with the settings, so discovery never lags behind them
          ...index.add.map((d) => ({ Put: { TableName: this.t.name, Item: autoJoinItem(d, orgId) } })),
          ...index.remove.map((d) => ({ Delete: { TableName: this.t.name, Key: keys.autoJoin(d, orgId) } })),
        ],
      }));
    } catch (e) {
      if ((e as { name?: string }).name === 'TransactionCanceledException' || isConditionFailure(e)) {
        throw conflict('concurrent_update');
      }
      throw e;
    }
    return (await this.get(orgId)) as Org;
  }

  async setPlan(orgId: string, change: { from: string; to: string }, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'> {
    try {
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.t.name,
              Key: keys.org(orgId),
              // the plan read by the operator's command: a concurrent change is not silently overwritten
              ConditionExpression: 'attribute_exists(PK) AND #plan = :from',
              UpdateExpression: 'SET #plan = :to, version = version + :one',
              ExpressionAttributeNames: { '#plan': 'plan' },
              ExpressionAttributeValues: { ':from': change.from, ':to': change.to, ':one': 1 },
            },
          },
          { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } },
        ],
      }));
      return 'done';
    } catch (e) {
      if ((e as { name?: string }).name !== 'TransactionCanceledException') throw e;
      const org = await this.get(orgId);
      return org ? 'stale' : 'not_found';
    }
  }

  // AP6: pending invitations whose deadline is after `now`, counted from their claims' index keys.
  async countPending(orgId: string, now: string): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.t.doc.send(new QueryCommand({
        TableName: this.t.name,
        IndexName: tableDefinition.gsi1.name,
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :now',
        ExpressionAttributeValues: { ':pk': keys.pendingClaims(orgId).GSI1PK, ':now': now },
        Select: 'COUNT',
        ExclusiveStartKey: start,
      }));
      count += res.Count ?? 0;
      start = res.LastEvaluatedKey;
    } while (start);
    return count;
  }
}
