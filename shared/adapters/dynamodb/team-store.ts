import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/table.ts';
import type { AuditEvent, Page, Team } from '../../domain/model.ts';
import type { ListOptions, TeamMemberWrite, TeamStore } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import type { Table } from './client.ts';
import type { Cursors } from './cursors.ts';
import { auditItem, fromMemberItem, fromTeamItem, teamItem, teamMemberItem } from './items.ts';
import { pagingWith } from './paging.ts';
import type { TxItem } from './transactions.ts';
import { cancellationReasons, isConditionFailure } from './transactions.ts';
import { actorStillAdmin, pick } from './tx-items.ts';

const failed = (r: { code: string } | undefined) => r?.code === 'ConditionalCheckFailed';
/** Members released per cleanup transaction when a team is deleted (2 items each plus the team counter). */
const RELEASE_CHUNK = 40;
const MAX_CLEANUP_ROUNDS = 1000;

/**
 * Teams and team memberships. A membership is two facts kept together in every transaction: the
 * TEAMMEMBER#team#user item (lists a team) and the team id in the member's `teams` (shows a member).
 */
export class DynamoTeamStore implements TeamStore {
  constructor(
    private readonly t: Table,
    private readonly cursors?: Cursors,
  ) {}

  async create(team: Team, actorAdminId: string, event: AuditEvent) {
    try {
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: this.t.name, Item: teamItem(team), ConditionExpression: 'attribute_not_exists(PK)' } },
          actorStillAdmin(this.t.name, team.orgId, actorAdminId),
          { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } },
        ],
      }));
      return 'done' as const;
    } catch (error) {
      if (cancellationReasons(error)) return 'stale' as const;
      throw error;
    }
  }

  async get(orgId: string, teamId: string) {
    const res = await this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: keys.team(orgId, teamId), ConsistentRead: true }));
    return res.Item && !res.Item.deleting ? fromTeamItem(res.Item) : null;
  }

  async existing(orgId: string, teamIds: string[]) {
    const unique = [...new Set(teamIds)];
    const items = await batchGetAll(this.t, unique.map((id) => keys.team(orgId, id)));
    return items.filter((item) => !item.deleting).map(fromTeamItem);
  }

  // AP1: an org's teams (SK prefix TEAM#, which TEAMMEMBER# items do not share).
  async list(orgId: string, page: ListOptions): Promise<Page<Team>> {
    const scope = `teams:${orgId}`;
    let start = pagingWith(this.cursors).decode(scope, page.cursor);
    const p = keys.teamPrefix(orgId);
    const out: Record<string, unknown>[] = [];
    do {
      const res = await this.t.doc.send(new QueryCommand({
        TableName: this.t.name,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        FilterExpression: 'attribute_not_exists(deleting)',
        ExpressionAttributeValues: { ':pk': p.PK, ':sk': p.SKPrefix },
        Limit: page.limit + 1 - out.length,
        ExclusiveStartKey: start,
      }));
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start && out.length <= page.limit);
    const items = out.slice(0, page.limit);
    const last = items[items.length - 1];
    const more = out.length > page.limit || start !== undefined;
    return { items: items.map(fromTeamItem), nextCursor: pagingWith(this.cursors).encode(scope, more && last ? { PK: last.PK, SK: last.SK } : undefined) };
  }

  async rename(team: Team, name: string, actorAdminId: string, event: AuditEvent) {
    try {
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.t.name,
              Key: keys.team(team.orgId, team.teamId),
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deleting)',
              UpdateExpression: 'SET #name = :name',
              ExpressionAttributeNames: { '#name': 'name' },
              ExpressionAttributeValues: { ':name': name },
            },
          },
          actorStillAdmin(this.t.name, team.orgId, actorAdminId),
          { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } },
        ],
      }));
      return 'done' as const;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      return failed(reasons[0]) ? 'not_found' as const : 'stale' as const;
    }
  }

  async addMember(w: TeamMemberWrite & { maxTeams: number }) {
    const { team, member } = w;
    const self = w.actorAdminId === member.userId;
    const tx: TxItem[] = [
      {
        Update: {
          TableName: this.t.name,
          Key: pick(keys.member(team.orgId, member.userId)),
          ConditionExpression: `attribute_exists(PK) AND NOT contains(teams, :team) AND size(teams) < :max${self ? ' AND #role = :admin AND #status = :active' : ''}`,
          UpdateExpression: 'SET teams = list_append(teams, :teams)',
          ...(self ? { ExpressionAttributeNames: { '#role': 'role', '#status': 'status' } } : {}),
          ExpressionAttributeValues: { ':team': team.teamId, ':teams': [team.teamId], ':max': w.maxTeams, ...(self ? { ':admin': 'admin', ':active': 'active' } : {}) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: this.t.name, Item: teamMemberItem(team.orgId, team.teamId, member.userId, w.now) } },
      {
        Update: {
          TableName: this.t.name,
          Key: keys.team(team.orgId, team.teamId),
          // a team being deleted takes no new members, so its cleanup always finishes
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deleting)',
          UpdateExpression: 'ADD memberCount :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
      { Put: { TableName: this.t.name, Item: auditItem(w.event, this.t.retention.auditDays) } },
      ...(self ? [] : [actorStillAdmin(this.t.name, team.orgId, w.actorAdminId)]),
    ];
    try {
      await this.t.doc.send(new TransactWriteCommand({ TransactItems: tx }));
      return 'done' as const;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (failed(reasons[0])) {
        const old = reasons[0]?.item;
        if (!old) return 'member_not_found' as const;
        if (Array.isArray(old.teams) && old.teams.includes(team.teamId)) return 'already' as const;
        if (Array.isArray(old.teams) && old.teams.length >= w.maxTeams) return 'team_limit' as const;
        return 'stale' as const;
      }
      if (failed(reasons[2])) return 'team_not_found' as const;
      return 'stale' as const;
    }
  }

  async removeMember(w: TeamMemberWrite) {
    const { team, member } = w;
    const index = member.teams.indexOf(team.teamId);
    if (index < 0) return 'not_in_team' as const;
    const self = w.actorAdminId === member.userId;
    const tx: TxItem[] = [
      {
        Update: {
          TableName: this.t.name,
          Key: pick(keys.member(team.orgId, member.userId)),
          // lists are updated by position: the condition makes sure the position still holds this team
          ConditionExpression: `teams[${index}] = :team${self ? ' AND #role = :admin AND #status = :active' : ''}`,
          UpdateExpression: `REMOVE teams[${index}]`,
          ...(self ? { ExpressionAttributeNames: { '#role': 'role', '#status': 'status' } } : {}),
          ExpressionAttributeValues: { ':team': team.teamId, ...(self ? { ':admin': 'admin', ':active': 'active' } : {}) },
        },
      },
      { Delete: { TableName: this.t.name, Key: keys.teamMember(team.orgId, team.teamId, member.userId), ConditionExpression: 'attribute_exists(PK)' } },
      {
        Update: {
          TableName: this.t.name,
          Key: keys.team(team.orgId, team.teamId),
          ConditionExpression: 'attribute_exists(PK)',
          UpdateExpression: 'ADD memberCount :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      },
      { Put: { TableName: this.t.name, Item: auditItem(w.event, this.t.retention.auditDays) } },
      ...(self ? [] : [actorStillAdmin(this.t.name, team.orgId, w.actorAdminId)]),
    ];
    try {
      await this.t.doc.send(new TransactWriteCommand({ TransactItems: tx }));
      return 'done' as const;
    } catch (error) {
      if (cancellationReasons(error)) return 'stale' as const;
      throw error;
    }
  }

  /**
   * A team can have more members than one transaction holds, so deletion runs in steps that are
   * each consistent: mark the team `deleting` (it stops taking members and leaves the lists), release
   * its members in chunks (the team-member item and the id in the member's `teams` together), then
   * delete the team with its audit event on the condition that no member is left. A crash part-way
   * leaves a hidden, half-emptied team that a repeated DELETE finishes.
   */
  async delete(team: Team, actorAdminId: string, event: AuditEvent) {
    try {
      await this.t.doc.send(new UpdateCommand({
        TableName: this.t.name,
        Key: keys.team(team.orgId, team.teamId),
        ConditionExpression: 'attribute_exists(PK)',
        UpdateExpression: 'SET deleting = :true',
        ExpressionAttributeValues: { ':true': true },
      }));
    } catch (error) {
      if (isConditionFailure(error)) return 'not_found' as const;
      throw error;
    }
    for (let round = 0; round < MAX_CLEANUP_ROUNDS; round++) {
      const released = await this.releaseSome(team);
      if (released > 0) continue;
      try {
        await this.t.doc.send(new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.t.name,
                Key: keys.team(team.orgId, team.teamId),
                ConditionExpression: 'attribute_exists(PK) AND memberCount = :zero',
                ExpressionAttributeValues: { ':zero': 0 },
              },
            },
            actorStillAdmin(this.t.name, team.orgId, actorAdminId),
            { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } },
          ],
        }));
        return 'done' as const;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        if (failed(reasons[1])) return 'stale' as const;
        // a member joined just before the mark landed: release again
      }
    }
    throw new Error(`team ${team.teamId} could not be emptied`);
  }

  /** AP12: releases up to one chunk of the team's members; returns how many it released. */
  private async releaseSome(team: Team): Promise<number> {
    const p = keys.teamMemberPrefix(team.orgId, team.teamId);
    const res = await this.t.doc.send(new QueryCommand({
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': p.PK, ':sk': p.SKPrefix },
      Limit: RELEASE_CHUNK,
      ConsistentRead: true,
    }));
    const userIds = (res.Items ?? []).map((i) => String(i.userId));
    if (userIds.length === 0) return 0;
    const got = await batchGetAll(this.t, userIds.map((u) => pick(keys.member(team.orgId, u))));
    const members = new Map(got.map((i) => [String(i.userId), fromMemberItem(i)]));
    const tx: TxItem[] = [];
    for (const userId of userIds) {
      tx.push({ Delete: { TableName: this.t.name, Key: keys.teamMember(team.orgId, team.teamId, userId), ConditionExpression: 'attribute_exists(PK)' } });
      const index = members.get(userId)?.teams.indexOf(team.teamId) ?? -1;
      if (index >= 0) {
        tx.push({
          Update: {
            TableName: this.t.name,
            Key: pick(keys.member(team.orgId, userId)),
            ConditionExpression: `teams[${index}] = :team`,
            UpdateExpression: `REMOVE teams[${index}]`,
            ExpressionAttributeValues: { ':team': team.teamId },
          },
        });
      }
    }
    tx.push({
      Update: {
        TableName: this.t.name,
        Key: keys.team(team.orgId, team.teamId),
        UpdateExpression: 'ADD memberCount :minus',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':minus': -userIds.length },
      },
    });
    try {
      await this.t.doc.send(new TransactWriteCommand({ TransactItems: tx }));
    } catch (error) {
      // a member left or was removed (or moved) concurrently: the next round reads again
      if (!cancellationReasons(error)) throw error;
    }
    return userIds.length;
  }
}
