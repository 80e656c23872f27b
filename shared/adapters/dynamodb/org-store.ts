import { itemTypes, keys, tableDefinition } from '../../db/table.ts';
import { conflict } from '../../domain/errors.ts';
import type { AuditEvent, Member, Org, OrgSettings } from '../../domain/model.ts';
import type { KnownUser, OrgStore } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import type { Table } from './client.ts';
import { conditions, guard } from './conditions.ts';
import { autoJoinItem, fromDeletedOrgItem, fromMemberItem, fromOrgItem, isOrgItem, memberClaimItem, memberItem, orgItem } from './items.ts';
import { queryPages } from './query-all.ts';
import { Transaction } from './transactions.ts';
import { actorStillAdmin, auditPut, knownUserPut, pick } from './tx-items.ts';

export class DynamoOrgStore implements OrgStore {
  constructor(private readonly t: Table) {}

  async create(org: Org, creator: Member, event: AuditEvent, knownUser?: KnownUser): Promise<void> {
    const cancelled = await new Transaction(this.t)
      .add('org', { Put: { TableName: this.t.name, Item: orgItem(org), ...conditions.unclaimed } })
      .add('member', { Put: { TableName: this.t.name, Item: memberItem(creator) } })
      .add('claim', { Put: { TableName: this.t.name, Item: memberClaimItem(creator) } })
      .add('audit', auditPut(this.t, event))
      .add('knownUser', knownUser ? knownUserPut(this.t.name, knownUser) : null)
      .commit();
    // a fresh random id already taken: not a refusal a caller can act on
    if (cancelled) throw new Error(`org id ${org.orgId} already exists`);
  }

  // AP1: the org and the caller's membership in one BatchGetItem.
  // the same consistent BatchGetItem as getWithMember, of the org's key alone
  async get(orgId: string) {
    const [org] = await batchGetAll(this.t, [keys.org(orgId)]);
    return isOrgItem(org) ? fromOrgItem(org) : null;
  }

  async getWithMember(orgId: string, userId: string) {
    const items = await batchGetAll(this.t, [keys.org(orgId), pick(keys.member(orgId, userId))]);
    const org = items.find((i) => i.entity === itemTypes.org);
    // a deleted org's members are members of nothing (until the cleanup removes them): 404, never 403
    const member = org && items.find((i) => i.entity === itemTypes.member);
    return { org: org ? fromOrgItem(org) : null, member: member ? fromMemberItem(member) : null };
  }

  async markDeleted(w: { orgId: string; confirmName: string; adminUserId: string; now: string; event: AuditEvent }): Promise<'deleted' | 'refused'> {
    const cancelled = await new Transaction(this.t)
      .add('org', {
        Update: guard(
          {
            TableName: this.t.name,
            Key: keys.org(w.orgId),
            // the name as stored when the write lands: a rename in between makes the confirmation stale
            UpdateExpression: 'SET entity = :deleted, deletedAt = :now, GSI1PK = :gpk, GSI1SK = :gsk',
            ExpressionAttributeValues: {
              ':deleted': itemTypes.deletedOrg,
              ':now': w.now,
              ':gpk': keys.orgDeletion(w.now, w.orgId).GSI1PK,
              ':gsk': keys.orgDeletion(w.now, w.orgId).GSI1SK,
              ':confirm': w.confirmName,
            },
            ExpressionAttributeNames: { '#name': 'name' },
          },
          { ConditionExpression: `${conditions.liveOrg.ConditionExpression} AND #name = :confirm` },
        ),
      })
      // authority does not outlive its holder: an admin demoted meanwhile cannot delete (for a service, a
      // check on the org item that the transaction folds into the write above)
      .add('admin', actorStillAdmin(this.t.name, w.orgId, w.adminUserId, w.now))
      .add('audit', auditPut(this.t, w.event))
      .commit();
    return cancelled ? 'refused' : 'deleted';
  }

  async getDeleted(orgId: string) {
    const [item] = await batchGetAll(this.t, [keys.org(orgId)]);
    return item?.entity === itemTypes.deletedOrg ? fromDeletedOrgItem(item) : null;
  }

  async updateSettings(
    orgId: string,
    change: { name?: string; settings: OrgSettings; expectedVersion: number; autoJoinIndex?: { add: string[]; remove: string[] } },
    event: AuditEvent,
  ) {
    const index = change.autoJoinIndex ?? { add: [], remove: [] };
    const tx = new Transaction(this.t)
      .add('org', {
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
      })
      .add('audit', auditPut(this.t, event));
    // AP10: the auto-join index changes with the settings, so discovery never lags behind them
    for (const d of index.add) tx.add(`autoJoin+${d}`, { Put: { TableName: this.t.name, Item: autoJoinItem(d, orgId) } });
    for (const d of index.remove) tx.add(`autoJoin-${d}`, { Delete: { TableName: this.t.name, Key: keys.autoJoin(d, orgId) } });
    if (await tx.commit()) throw conflict('concurrent_update');
    return (await this.get(orgId)) as Org;
  }

  async setPlan(orgId: string, change: { from: string; to: string }, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'> {
    const cancelled = await new Transaction(this.t)
      .add('org', {
        Update: {
          TableName: this.t.name,
          Key: keys.org(orgId),
          // the plan read by the operator's command: a concurrent change is not silently overwritten
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletedAt) AND #plan = :from',
          UpdateExpression: 'SET #plan = :to, version = version + :one',
          ExpressionAttributeNames: { '#plan': 'plan' },
          ExpressionAttributeValues: { ':from': change.from, ':to': change.to, ':one': 1 },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      })
      .add('audit', auditPut(this.t, event))
      .commit();
    if (!cancelled) return 'done';
    // the org as it was when the condition failed: gone, or on another plan than the one read
    const org = cancelled.failed('org')?.item;
    return org && !org.deletedAt ? 'stale' : 'not_found';
  }

  // AP6: pending invitations whose deadline is after `now`, counted from their claims' index keys.
  async countPending(orgId: string, now: string): Promise<number> {
    let count = 0;
    for await (const res of queryPages(this.t.doc, {
      TableName: this.t.name,
      IndexName: tableDefinition.gsi1.name,
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :now',
      ExpressionAttributeValues: { ':pk': keys.pendingClaims(orgId).GSI1PK, ':now': now },
      Select: 'COUNT',
    })) {
      count += res.Count ?? 0;
    }
    return count;
  }
}
