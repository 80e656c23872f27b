import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../db/table.ts';
import type { AuditEvent, Page, Team } from '../../domain/model.ts';
import type { ListOptions, TeamMemberWrite, TeamStore } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import type { Table } from './client.ts';
import { conditions } from './conditions.ts';
import type { Cursors } from './cursors.ts';
import { fromMemberItem, fromTeamItem, teamItem, teamMemberItem } from './items.ts';
import { queryPage } from './paging.ts';
import { conditionalUpdate, Transaction, type TxItem } from './transactions.ts';
import { actorStillAdmin, auditPut, memberUpdate, pick } from './tx-items.ts';

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
    const cancelled = await new Transaction(this.t)
      .add('team', { Put: { TableName: this.t.name, Item: teamItem(team), ...conditions.unclaimed } })
      .add('actor', actorStillAdmin(this.t.name, team.orgId, actorAdminId, event.at))
      .add('audit', auditPut(this.t, event))
      .commit();
    return cancelled ? ('stale' as const) : ('done' as const);
  }

  async get(orgId: string, teamId: string) {
    const res = await this.t.doc.send(new GetCommand({ TableName: this.t.name, Key: keys.team(orgId, teamId), ConsistentRead: true }));
    return res.Item && !res.Item.deleting ? fromTeamItem(res.Item) : null;
  }

  async existing(orgId: string, teamIds: string[]) {
    const unique = [...new Set(teamIds)];
    const items = await batchGetAll(
      this.t,
      unique.map((id) => keys.team(orgId, id)),
    );
    return items.filter((item) => !item.deleting).map(fromTeamItem);
  }

  // AP1: an org's teams (SK prefix TEAM#, which TEAMMEMBER# items do not share).
  async list(orgId: string, page: ListOptions): Promise<Page<Team>> {
    const scope = `teams:${orgId}`;
    const p = keys.teamPrefix(orgId);
    const { items, nextCursor } = await queryPage(this.t.doc, this.cursors, scope, page, {
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      FilterExpression: 'attribute_not_exists(deleting)',
      ExpressionAttributeValues: { ':pk': p.PK, ':sk': p.SKPrefix },
    });
    return { items: items.map(fromTeamItem), nextCursor };
  }

  async rename(team: Team, name: string, actorAdminId: string, event: AuditEvent) {
    const cancelled = await new Transaction(this.t)
      .add('team', {
        Update: {
          TableName: this.t.name,
          Key: keys.team(team.orgId, team.teamId),
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deleting)',
          UpdateExpression: 'SET #name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': name },
        },
      })
      .add('actor', actorStillAdmin(this.t.name, team.orgId, actorAdminId, event.at))
      .add('audit', auditPut(this.t, event))
      .commit();
    if (!cancelled) return 'done' as const;
    return cancelled.failed('team') ? ('not_found' as const) : ('stale' as const);
  }

  async addMember(w: TeamMemberWrite & { maxTeams: number }) {
    const { team, member } = w;
    const cancelled = await new Transaction(this.t)
      .add(
        'member',
        memberUpdate(this.t.name, team.orgId, member.userId, {
          ConditionExpression: 'attribute_exists(PK) AND NOT contains(teams, :team) AND size(teams) < :max',
          UpdateExpression: 'SET teams = list_append(teams, :teams)',
          ExpressionAttributeValues: { ':team': team.teamId, ':teams': [team.teamId], ':max': w.maxTeams },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      )
      .add('teamMember', { Put: { TableName: this.t.name, Item: teamMemberItem(team.orgId, team.teamId, member.userId, w.now) } })
      .add('team', {
        Update: {
          TableName: this.t.name,
          Key: keys.team(team.orgId, team.teamId),
          // a team being deleted takes no new members, so its cleanup always finishes
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deleting)',
          UpdateExpression: 'ADD memberCount :one',
          ExpressionAttributeValues: { ':one': 1 },
        },
      })
      .add('audit', auditPut(this.t, w.event))
      // an admin acting on their own row: the transaction folds this check into that row's write (transactions.ts foldChecks)
      .add('actor', actorStillAdmin(this.t.name, team.orgId, w.actorAdminId, w.now))
      .commit();
    if (!cancelled) return 'done' as const;
    const refused = cancelled.failed('member');
    if (refused) {
      const old = refused.item;
      if (!old) return 'member_not_found' as const;
      if (Array.isArray(old.teams) && old.teams.includes(team.teamId)) return 'already' as const;
      if (Array.isArray(old.teams) && old.teams.length >= w.maxTeams) return 'team_limit' as const;
      return 'stale' as const;
    }
    return cancelled.failed('team') ? ('team_not_found' as const) : ('stale' as const);
  }

  async removeMember(w: TeamMemberWrite) {
    const { team, member } = w;
    const index = member.teams.indexOf(team.teamId);
    if (index < 0) return 'not_in_team' as const;
    const cancelled = await new Transaction(this.t)
      .add('member', leaveTeamAt(this.t.name, team, member.userId, index))
      .add('teamMember', { Delete: { TableName: this.t.name, Key: keys.teamMember(team.orgId, team.teamId, member.userId), ...conditions.exists } })
      .add('team', {
        Update: {
          TableName: this.t.name,
          Key: keys.team(team.orgId, team.teamId),
          ConditionExpression: 'attribute_exists(PK)',
          UpdateExpression: 'ADD memberCount :minus',
          ExpressionAttributeValues: { ':minus': -1 },
        },
      })
      .add('audit', auditPut(this.t, w.event))
      // an admin acting on their own row: the transaction folds this check into that row's write (transactions.ts foldChecks)
      .add('actor', actorStillAdmin(this.t.name, team.orgId, w.actorAdminId, w.now))
      .commit();
    return cancelled ? ('stale' as const) : ('done' as const);
  }

  /**
   * A team can have more members than one transaction holds, so deletion runs in steps that are
   * each consistent: mark the team `deleting` (it stops taking members and leaves the lists), release
   * its members in chunks (the team-member item and the id in the member's `teams` together), then
   * delete the team with its audit event on the condition that no member is left. A crash part-way
   * leaves a hidden, half-emptied team that a repeated DELETE finishes.
   */
  async delete(team: Team, actorAdminId: string, event: AuditEvent) {
    const marked = await conditionalUpdate(this.t, {
      Key: keys.team(team.orgId, team.teamId),
      ConditionExpression: 'attribute_exists(PK)',
      UpdateExpression: 'SET deleting = :true',
      ExpressionAttributeValues: { ':true': true },
    });
    if (!marked) return 'not_found' as const;
    for (let round = 0; round < MAX_CLEANUP_ROUNDS; round++) {
      const released = await this.releaseSome(team);
      if (released > 0) continue;
      const cancelled = await new Transaction(this.t)
        .add('team', {
          Delete: {
            TableName: this.t.name,
            Key: keys.team(team.orgId, team.teamId),
            ConditionExpression: 'attribute_exists(PK) AND memberCount = :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          },
        })
        .add('actor', actorStillAdmin(this.t.name, team.orgId, actorAdminId, event.at))
        .add('audit', auditPut(this.t, event))
        .commit();
      if (!cancelled) return 'done' as const;
      if (cancelled.failed('actor')) return 'stale' as const;
      // a member joined just before the mark landed: release again
    }
    throw new Error(`team ${team.teamId} could not be emptied`);
  }

  /** AP12: releases up to one chunk of the team's members; returns how many it released. */
  private async releaseSome(team: Team): Promise<number> {
    const p = keys.teamMemberPrefix(team.orgId, team.teamId);
    const res = await this.t.doc.send(
      new QueryCommand({
        TableName: this.t.name,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': p.PK, ':sk': p.SKPrefix },
        Limit: RELEASE_CHUNK,
        ConsistentRead: true,
      }),
    );
    const userIds = (res.Items ?? []).map((i) => String(i.userId));
    if (userIds.length === 0) return 0;
    const got = await batchGetAll(
      this.t,
      userIds.map((u) => pick(keys.member(team.orgId, u))),
    );
    const members = new Map(got.map((i) => [String(i.userId), fromMemberItem(i)]));
    const tx = new Transaction(this.t);
    for (const userId of userIds) {
      tx.add(`teamMember:${userId}`, { Delete: { TableName: this.t.name, Key: keys.teamMember(team.orgId, team.teamId, userId), ...conditions.exists } });
      const index = members.get(userId)?.teams.indexOf(team.teamId) ?? -1;
      if (index >= 0) {
        tx.add(`member:${userId}`, leaveTeamAt(this.t.name, team, userId, index));
      }
    }
    tx.add('team', {
      Update: {
        TableName: this.t.name,
        Key: keys.team(team.orgId, team.teamId),
        UpdateExpression: 'ADD memberCount :minus',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':minus': -userIds.length },
      },
    });
    // cancelled: a member left or was removed (or moved) concurrently, and the next round reads again
    await tx.commit();
    return userIds.length;
  }
}

/** Takes the team out of a member's `teams`, found at `index` when read. */
function leaveTeamAt(table: string, team: Team, userId: string, index: number): TxItem {
  return memberUpdate(table, team.orgId, userId, {
    // lists are updated by position: the condition makes sure the position still holds this team
    ConditionExpression: `teams[${index}] = :team`,
    UpdateExpression: `REMOVE teams[${index}]`,
    ExpressionAttributeValues: { ':team': team.teamId },
  });
}
