import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys } from '../../db/table.ts';
import type { Member, Org, Page } from '../../domain/model.ts';
import type { AutoJoinStore, JoinableOrg, JoinOutcome, JoinWrite, ListOptions } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import { claimRefusal } from './claims.ts';
import type { Table } from './client.ts';
import { conditions } from './conditions.ts';
import type { Cursors } from './cursors.ts';
import { fromMemberItem, fromOrgItem, memberClaimItem, memberItem } from './items.ts';
import { pagingWith } from './paging.ts';
import { Transaction } from './transactions.ts';
import { auditPut, pick } from './tx-items.ts';

export class DynamoAutoJoinStore implements AutoJoinStore {
  constructor(
    private readonly t: Table,
    private readonly cursors?: Cursors,
  ) {}

  async join(w: JoinWrite): Promise<JoinOutcome> {
    const limit = w.memberLimit === null ? '' : ' AND memberCount < :limit';
    const cancelled = await new Transaction(this.t)
      .add('org', {
        Update: {
          TableName: this.t.name,
          Key: keys.org(w.org.orgId),
          // The policy is checked on the org item as stored, not as read a moment ago: an admin who
          // turns auto-join off or drops the domain wins against a join in flight, and concurrent
          // joins cannot pass the member limit because the counter carries the condition.
          ConditionExpression: `settings.autoJoin.enabled = :true AND settings.autoJoin.#role = :role AND contains(settings.allowedDomains, :domain)${limit} AND attribute_not_exists(deletedAt)`,
          UpdateExpression: 'ADD memberCount :one',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: {
            ':true': true,
            ':role': w.member.role,
            ':domain': w.domain,
            ':one': 1,
            ...(w.memberLimit === null ? {} : { ':limit': w.memberLimit }),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      })
      .add('member', { Put: { TableName: this.t.name, Item: memberItem(w.member), ...conditions.unclaimed } })
      // the email unclaimed: another account with the same address is not in, and no invitation to it is pending
      .add('claim', {
        Put: { TableName: this.t.name, Item: memberClaimItem(w.member), ...conditions.unclaimed, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      })
      .add('audit', auditPut(this.t, w.event))
      .commit();
    if (!cancelled) return 'joined';
    const claim = cancelled.failed('claim');
    if (claim && claimRefusal(claim.item) === 'already_invited') return 'already_invited';
    if (claim || cancelled.failed('member')) return 'already_member';
    const org = cancelled.failed('org')?.item;
    if (org && w.memberLimit !== null && Number(org.memberCount) >= w.memberLimit) return 'member_limit_reached';
    return 'policy_changed';
  }

  // AP10: the orgs a domain may auto-join, then the orgs, the caller's memberships and the claims on
  // their email (AP5: an invitation to them may be pending) in BatchGetItems.
  async listForDomain(domain: string, caller: { userId: string; email: string }, page: ListOptions): Promise<Page<JoinableOrg>> {
    const scope = `joinable:${domain}`;
    const res = await this.t.doc.send(
      new QueryCommand({
        TableName: this.t.name,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.autoJoinPartition(domain).PK },
        Limit: page.limit,
        ExclusiveStartKey: pagingWith(this.cursors).decode(scope, page.cursor),
      }),
    );
    const orgIds = (res.Items ?? []).map((i) => String(i.orgId));
    const found = new Map<string, { org?: Org; member?: Member; invited?: boolean }>();
    const wanted = orgIds.flatMap((id) => [keys.org(id), pick(keys.member(id, caller.userId)), keys.emailClaim(id, caller.email)]);
    for (const item of await batchGetAll(this.t, wanted)) {
      const orgId = keys.orgIdOf(item);
      const entry = found.get(orgId) ?? {};
      if (item.entity === itemTypes.org) entry.org = fromOrgItem(item);
      else if (item.entity === itemTypes.emailClaim) entry.invited = claimRefusal(item) === 'already_invited';
      else entry.member = fromMemberItem(item);
      found.set(orgId, entry);
    }
    const items = orgIds.flatMap((id) => {
      const e = found.get(id);
      return e?.org ? [{ org: e.org, member: e.member ?? null, invitationPending: e.invited === true }] : [];
    });
    const last = res.LastEvaluatedKey;
    return { items, nextCursor: pagingWith(this.cursors).encode(scope, last ? { PK: last.PK, SK: last.SK } : undefined) };
  }
}
