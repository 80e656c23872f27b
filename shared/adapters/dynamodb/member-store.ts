import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys } from '../../db/table.ts';
import { isPermanentAdmin } from '../../domain/members/member-rules.ts';
import { matchesSearch, matchesStatus } from '../../domain/members/search.ts';
import type { Member, Org, Page } from '../../domain/model.ts';
import type {
  DirectAddOutcome,
  DirectAddWrite,
  KnownUser,
  ListOptions,
  MemberFilter,
  MemberStore,
  MemberWrite,
  MemberWriteResult,
  OrgScope,
  Revocation,
} from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import { claimRefusal, releaseClaim } from './claims.ts';
import type { Table } from './client.ts';
import { conditions, guard } from './conditions.ts';
import type { Cursors } from './cursors.ts';
import { auditItem, fromMemberItem, fromOrgItem, fromTeamItem, isOrgItem, memberClaimItem, memberItem } from './items.ts';
import { pagingWith } from './paging.ts';
import { onGsi1Under, queryAll } from './query-all.ts';
import { MAX_TX_ITEMS, Transaction, type TxItem } from './transactions.ts';
import { actorStillAdmin, auditPut, pick, teamJoinItems } from './tx-items.ts';

/** Items per Query while a filter is read in memory. */
const FILTERED_READ = 200;

/**
 * The condition that the member is still as read: role, status and the number of teams. Team
 * memberships of a removed member are deleted with `attribute_exists` conditions, so a swap of one
 * team for another between read and write is caught too.
 */
export function memberAsRead(m: Member, prefix = 'm') {
  // the end of access too: whether the member counts in adminCount depends on it
  const until = m.accessUntil === undefined ? 'attribute_not_exists(accessUntil)' : `accessUntil = :${prefix}_until`;
  return {
    expression: `#role = :${prefix}_role AND #status = :${prefix}_status AND size(teams) = :${prefix}_nteams AND ${until}`,
    names: { '#role': 'role', '#status': 'status' },
    values: {
      [`:${prefix}_role`]: m.role,
      [`:${prefix}_status`]: m.status,
      [`:${prefix}_nteams`]: m.teams.length,
      ...(m.accessUntil === undefined ? {} : { [`:${prefix}_until`]: m.accessUntil }),
    },
  };
}

/** The items that revoke one pending invitation: the guarded transition, its claim, its audit event. */
export function revocationItems(table: string, r: Revocation, now: string, auditDays: number): TxItem[] {
  const inv = r.invitation;
  return [
    {
      // an accept that wins the race keeps its invitation; this write is then retried without it
      Update: guard(
        {
          TableName: table,
          Key: keys.invitationKey(inv.orgId, inv.invitationId),
          UpdateExpression: 'SET #status = :revoked, revokedAt = :now, revokedBy = :by',
          ExpressionAttributeValues: { ':revoked': 'revoked', ':by': r.revokedBy },
        },
        conditions.pendingAndLive(now),
      ),
    },
    releaseClaim(table, inv),
    { Put: { TableName: table, Item: auditItem(r.event, auditDays) } },
  ];
}

export class DynamoMemberStore implements MemberStore {
  constructor(
    private readonly t: Table,
    private readonly cursors?: Cursors,
  ) {}

  // AP3: every membership of a user, through GSI1.
  async listForUser(userId: string): Promise<Member[]> {
    const items = await queryAll(this.t.doc, onGsi1Under(this.t.name, keys.userOrgs(userId)));
    return items.map(fromMemberItem);
  }

  // AP3, then the org items in batches of 100.
  async listOrgsOfUser(userId: string) {
    const members = await this.listForUser(userId);
    const orgs = new Map<string, Org>();
    for (const item of await batchGetAll(
      this.t,
      members.map((m) => keys.org(m.orgId)),
      { consistent: false },
    )) {
      if (!isOrgItem(item)) continue;
      const org = fromOrgItem(item);
      orgs.set(org.orgId, org);
    }
    return members.flatMap((member) => {
      const org = orgs.get(member.orgId);
      return org ? [{ member, org }] : [];
    });
  }

  async get(orgId: string, userId: string) {
    const res = await this.t.doc.send(
      new GetCommand({
        TableName: this.t.name,
        Key: pick(keys.member(orgId, userId)),
        ConsistentRead: true,
      }),
    );
    return res.Item ? fromMemberItem(res.Item) : null;
  }

  // AP1: the org, the caller, the member and the team an admin action is about, in one round trip.
  async loadScope(orgId: string, callerId: string, of: { memberId?: string; teamId?: string }): Promise<OrgScope> {
    const wanted = [keys.org(orgId), pick(keys.member(orgId, callerId))];
    if (of.memberId !== undefined && of.memberId !== callerId) wanted.push(pick(keys.member(orgId, of.memberId)));
    if (of.teamId !== undefined) wanted.push(keys.team(orgId, of.teamId));
    const items = await batchGetAll(this.t, wanted);
    const org = items.find((i) => i.entity === itemTypes.org);
    const memberOf = (userId: string) => {
      // none in a deleted org, whose items wait for the cleanup: every caller gets 404
      const item = org && items.find((i) => i.SK === keys.member(orgId, userId).SK);
      return item ? fromMemberItem(item) : null;
    };
    const team = of.teamId !== undefined ? items.find((i) => i.SK === keys.team(orgId, of.teamId as string).SK && !i.deleting) : undefined;
    return {
      org: org ? fromOrgItem(org) : null,
      caller: memberOf(callerId),
      member: of.memberId !== undefined ? memberOf(of.memberId) : null,
      team: team ? fromTeamItem(team) : null,
    };
  }

  // AP1 (members of an org, filtered) or AP12 (members of one team, then their member items).
  async list(orgId: string, filter: MemberFilter, page: ListOptions): Promise<Page<Member>> {
    const scope = `members:${orgId}:${filter.teamId ?? ''}`;
    let start = pagingWith(this.cursors).decode(scope, page.cursor);
    const keep = (m: Member) =>
      (!filter.statuses?.length || matchesStatus(m, filter.statuses, filter.at)) &&
      (!filter.roles?.length || filter.roles.includes(m.role)) &&
      (!filter.product || (m.products ?? []).includes(filter.product)) &&
      (!filter.search || matchesSearch(m, filter.search));
    // a filter read in memory may skip most items: read bigger pages then, so a sparse match over
    // 10,000 members takes a few queries rather than hundreds (the cursor is still the last item returned)
    const filtered = Boolean(filter.statuses?.length || filter.roles?.length || filter.product || filter.search);
    const prefix = filter.teamId ? keys.teamMemberPrefix(orgId, filter.teamId) : keys.memberPrefix(orgId);
    const found: { key: Record<string, unknown>; member: Member }[] = [];
    do {
      const res = await this.t.doc.send(
        new QueryCommand({
          TableName: this.t.name,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix },
          Limit: filtered ? Math.max(page.limit + 1 - found.length, FILTERED_READ) : page.limit + 1 - found.length,
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      const items = res.Items ?? [];
      const members = filter.teamId
        ? await this.getMany(
            orgId,
            items.map((i) => String(i.userId)),
          )
        : new Map(items.map((i) => [String(i.userId), fromMemberItem(i)]));
      for (const item of items) {
        const member = members.get(String(item.userId));
        if (member && keep(member)) found.push({ key: { PK: item.PK, SK: item.SK }, member });
      }
      start = res.LastEvaluatedKey;
    } while (start && found.length <= page.limit);
    const pageItems = found.slice(0, page.limit);
    const more = found.length > page.limit || start !== undefined;
    const last = pageItems[pageItems.length - 1];
    return {
      items: pageItems.map((f) => f.member),
      nextCursor: pagingWith(this.cursors).encode(scope, more && last ? last.key : undefined),
    };
  }

  private async getMany(orgId: string, userIds: string[]): Promise<Map<string, Member>> {
    const items = await batchGetAll(
      this.t,
      userIds.map((u) => pick(keys.member(orgId, u))),
    );
    return new Map(items.map((item) => [String(item.userId), fromMemberItem(item)]));
  }

  async write(w: MemberWrite): Promise<MemberWriteResult> {
    const { before, after } = w;
    const orgId = before.orgId;
    const tx = new Transaction(this.t);
    const read = memberAsRead(before);
    const memberKey = pick(keys.member(orgId, before.userId));
    if (after) {
      // role and status are pinned by the condition; the other fields are written only when they change,
      // so a concurrent change of another field (an admin's products while the member sets their language) is kept
      const fields = optionalFieldChanges(before, after);
      tx.add('member', {
        Update: {
          TableName: this.t.name,
          Key: memberKey,
          ConditionExpression: read.expression,
          UpdateExpression:
            ['SET #role = :role, #status = :status', ...fields.set.map((f) => `#${f} = :${f}`)].join(', ') +
            (fields.remove.length ? ` REMOVE ${fields.remove.map((f) => `#${f}`).join(', ')}` : ''),
          ExpressionAttributeNames: { ...read.names, ...Object.fromEntries([...fields.set, ...fields.remove].map((f) => [`#${f}`, f])) },
          ExpressionAttributeValues: {
            ...read.values,
            ':role': after.role,
            ':status': after.status,
            ...Object.fromEntries(fields.set.map((f) => [`:${f}`, after[f]])),
          },
        },
      });
      if (after.status !== before.status) {
        // the claim carries the status so that an invite can answer member_suspended without another read
        tx.add('claim', {
          Update: {
            TableName: this.t.name,
            Key: keys.emailClaim(orgId, before.email),
            ConditionExpression: 'userId = :user',
            UpdateExpression: 'SET #status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':user': before.userId, ':status': after.status },
          },
        });
      }
    } else {
      tx.add('member', {
        Delete: {
          TableName: this.t.name,
          Key: memberKey,
          ConditionExpression: read.expression,
          ExpressionAttributeNames: read.names,
          ExpressionAttributeValues: read.values,
        },
      })
        // without the claim, inviting the person again makes a fresh invitation and a fresh membership
        .add('claim', {
          Delete: {
            TableName: this.t.name,
            Key: keys.emailClaim(orgId, before.email),
            ConditionExpression: 'attribute_not_exists(PK) OR userId = :user',
            ExpressionAttributeValues: { ':user': before.userId },
          },
        });
      for (const teamId of before.teams) {
        tx.add(`teamMember:${teamId}`, { Delete: { TableName: this.t.name, Key: keys.teamMember(orgId, teamId, before.userId), ...conditions.exists } }).add(
          `team:${teamId}`,
          {
            Update: {
              TableName: this.t.name,
              Key: keys.team(orgId, teamId),
              ConditionExpression: 'attribute_exists(PK)',
              UpdateExpression: 'ADD memberCount :minus',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
        );
      }
    }
    // acting on oneself needs no separate check: the member condition above already pins role and status
    if (w.actorAdminId && w.actorAdminId !== before.userId) tx.add('actor', actorStillAdmin(this.t.name, orgId, w.actorAdminId, w.now));
    w.events.forEach((e, i) => {
      tx.add(`audit:${i}`, auditPut(this.t, e));
    });

    // adminCount counts the admins without an end date: giving the last of them one is a loss like a demotion
    const adminDelta = Number(isPermanentAdmin(after)) - Number(isPermanentAdmin(before));
    const room = Math.max(0, Math.floor((MAX_TX_ITEMS - tx.size - 1) / 3));
    const now = w.revocations.slice(0, room);
    const deferred = w.revocations.slice(room);
    const deltas: Record<string, number> = {
      adminCount: adminDelta,
      memberCount: after ? 0 : -1,
      pendingCount: -now.length,
    };
    const names = Object.keys(deltas).filter((k) => deltas[k] !== 0);
    const pc = primaryContactCondition(w.primaryContact);
    tx.add(
      'counter',
      names.length === 0 && !pc?.update
        ? {
            ConditionCheck: {
              TableName: this.t.name,
              Key: keys.org(orgId),
              ConditionExpression: pc ? `attribute_exists(PK) AND ${pc.condition}` : 'attribute_exists(PK)',
              ...(pc ? { ExpressionAttributeValues: { ':pc_user': before.userId } } : {}),
            },
          }
        : {
            Update: {
              TableName: this.t.name,
              Key: keys.org(orgId),
              // The last-admin rule lives here, on the counter, so two admins demoting each other at the
              // same time cannot both pass: the second transaction finds adminCount = 1 and is cancelled. Two
              // admins giving each other an end date race the same way.
              ConditionExpression:
                (adminDelta < 0 ? 'adminCount > :one' : 'attribute_exists(PK)') +
                (pc ? ` AND ${pc.condition}` : '') +
                (after ? ' AND attribute_not_exists(deletedAt)' : ''),
              UpdateExpression: [...(names.length ? [`ADD ${names.map((n) => `${n} :d_${n}`).join(', ')}`] : []), ...(pc?.update ? [pc.update] : [])].join(' '),
              ExpressionAttributeValues: {
                ...Object.fromEntries(names.map((n) => [`:d_${n}`, deltas[n]])),
                ...(adminDelta < 0 ? { ':one': 1 } : {}),
                ...(pc ? { ':pc_user': before.userId } : {}),
              },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
    );
    now.forEach((r, i) => {
      const [invitation, claim, audit] = revocationItems(this.t.name, r, w.now, this.t.retention.auditDays);
      tx.add(`revoke:${i}:invitation`, invitation).add(`revoke:${i}:claim`, claim).add(`revoke:${i}:audit`, audit);
    });

    const cancelled = await tx.commit();
    if (!cancelled) return { outcome: 'done', deferred };
    // Anything but the counter failing means the data moved since the read (the member, a team
    // membership, the acting admin, an invitation being revoked): the caller reads again. Only a
    // counter that failed on its own is the last-admin rule speaking.
    if (cancelled.failedOtherThan('counter')) return { outcome: 'stale', deferred: [] };
    const counter = cancelled.failed('counter');
    if (counter && adminDelta < 0 && Number(counter.item?.adminCount ?? 0) <= 1) return { outcome: 'last_admin', deferred: [] };
    return { outcome: 'stale', deferred: [] };
  }

  // AP11: which of these emails belong to users the service knows, with a verified address.
  async knownUsers(emails: string[]): Promise<Map<string, KnownUser>> {
    const items = await batchGetAll(
      this.t,
      emails.map((e) => keys.userEmail(e)),
      { consistent: false },
    );
    return new Map(items.map((item) => [String(item.email), { userId: String(item.userId), email: String(item.email), name: String(item.name ?? '') }]));
  }

  /**
   * Adds a known user without an invitation. The same conditions as an accept keep it honest: the
   * email unclaimed (no member with it, and no pending invitation to it, which would be left
   * dangling), the member limit on the counter, and the inviting admin still an admin.
   */
  async addDirect(w: DirectAddWrite): Promise<DirectAddOutcome> {
    const { member: m } = w;
    const counter: TxItem = {
      Update: {
        TableName: this.t.name,
        Key: keys.org(m.orgId),
        ConditionExpression: `${w.memberLimit === null ? 'attribute_exists(PK)' : 'memberCount < :limit'} AND attribute_not_exists(deletedAt)`,
        UpdateExpression: m.role === 'admin' ? 'ADD memberCount :one, adminCount :one' : 'ADD memberCount :one',
        ExpressionAttributeValues: { ':one': 1, ...(w.memberLimit === null ? {} : { ':limit': w.memberLimit }) },
      },
    };
    const tx = new Transaction(this.t)
      .add('claim', { Put: { TableName: this.t.name, Item: memberClaimItem(m), ...conditions.unclaimed, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } })
      .add('counter', counter)
      .add('actor', actorStillAdmin(this.t.name, m.orgId, w.actorAdminId, w.event.at))
      .add('member', { Put: { TableName: this.t.name, Item: memberItem(m), ...conditions.unclaimed } })
      .add('audit', auditPut(this.t, w.event));
    m.teams.forEach((teamId, i) => {
      const [teamMember, team] = teamJoinItems(this.t.name, m.orgId, teamId, m.userId, m.joinedAt);
      tx.add(`teamMember:${i}`, teamMember).add(`team:${i}`, team);
    });
    const cancelled = await tx.commit();
    if (!cancelled) return 'added';
    const claim = cancelled.failed('claim');
    if (claim) return claimRefusal(claim.item);
    if (cancelled.failed('member')) return 'already_member';
    if (cancelled.failed('counter') && w.memberLimit !== null) return 'member_limit_reached';
    return 'stale';
  }
}

/** The fields a PATCH may set or clear besides role and status. */
const optionalFields = ['products', 'accessUntil', 'locale', 'timeZone'] as const;

function optionalFieldChanges(before: Member, after: Member) {
  const changed = optionalFields.filter((f) => JSON.stringify(after[f]) !== JSON.stringify(before[f]));
  return { set: changed.filter((f) => after[f] !== undefined), remove: changed.filter((f) => after[f] === undefined) };
}

/**
 * The org item's part of a member becoming inactive (MemberWrite.primaryContact): clearing them as
 * primary contact only while they still are it, or asserting they are not it.
 */
function primaryContactCondition(mode: MemberWrite['primaryContact']): { condition: string; update?: string } | null {
  if (mode === 'clear') return { condition: 'primaryContactUserId = :pc_user', update: 'REMOVE primaryContactUserId' };
  if (mode === 'not_this_member') return { condition: '(attribute_not_exists(primaryContactUserId) OR primaryContactUserId <> :pc_user)' };
  return null;
}
