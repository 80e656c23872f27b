import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit.ts';
import { conflict, DomainError, invalid, notFound } from '../errors.ts';
import { STALE, settled, untilSettled } from '../members/member-rules.ts';
import { loadScopeAs } from '../members/scope.ts';
import type { Actor, Team } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';

/**
 * A member is in at most this many teams. It keeps every write that carries all of a member's team
 * memberships (removal, accept, direct add: 2 items per team) inside one 100-item transaction.
 */
export const MAX_TEAMS_PER_MEMBER = 40;

export const teamView = (t: Team) => ({ teamId: t.teamId, orgId: t.orgId, name: t.name, memberCount: t.memberCount, createdAt: t.createdAt });

export async function createTeam(deps: Pick<Deps, 'clock' | 'ids' | 'orgs' | 'teams'>, cmd: { orgId: string; actor: Actor; name: string }) {
  return untilSettled(async () => {
    const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'teams.manage');
    const now = deps.clock.now();
    const team: Team = { teamId: deps.ids.teamId(), orgId: org.orgId, name: cmd.name, memberCount: 0, createdAt: now.toISOString() };
    const event = auditEvent(deps, org.orgId, 'team.created', cmd.actor, { teamId: team.teamId }, { name: team.name }, now);
    const outcome = await deps.teams.create(team, caller.userId, event);
    return outcome === 'done' ? settled({ team: teamView(team) }) : STALE;
  });
}

export async function listTeams(deps: Pick<Deps, 'orgs' | 'teams'>, cmd: { orgId: string; actor: Actor; limit: number; cursor?: string }) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'teams.read');
  const page = await deps.teams.list(org.orgId, { limit: cmd.limit, ...(cmd.cursor ? { cursor: cmd.cursor } : {}) });
  return { items: page.items.map(teamView), nextCursor: page.nextCursor };
}

async function loadTeamAsAdmin(deps: Pick<Deps, 'members'>, orgId: string, teamId: string, actor: Actor, memberId?: string) {
  const { org, caller, team, member } = await loadScopeAs(deps, orgId, actor, 'teams.manage', {
    teamId, ...(memberId !== undefined ? { memberId } : {}),
  });
  if (!team) throw notFound('team_not_found');
  return { org, caller, team, member };
}

export async function renameTeam(deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>, cmd: { orgId: string; teamId: string; actor: Actor; name: string }) {
  return untilSettled(async () => {
    const { caller, team } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor);
    if (team.name === cmd.name) return settled({ team: teamView(team) });
    const event = auditEvent(deps, team.orgId, 'team.renamed', cmd.actor, { teamId: team.teamId }, { from: team.name, to: cmd.name });
    const outcome = await deps.teams.rename(team, cmd.name, caller.userId, event);
    if (outcome === 'not_found') throw notFound('team_not_found');
    return outcome === 'done' ? settled({ team: teamView({ ...team, name: cmd.name }) }) : STALE;
  });
}

/** Deleting a team ends its memberships; the members stay in the org. */
export async function deleteTeam(deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>, cmd: { orgId: string; teamId: string; actor: Actor }): Promise<void> {
  await untilSettled(async () => {
    const { caller, team } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor);
    const event = auditEvent(deps, team.orgId, 'team.deleted', cmd.actor, { teamId: team.teamId },
      { name: team.name, memberCount: team.memberCount });
    const outcome = await deps.teams.delete(team, caller.userId, event);
    if (outcome === 'not_found') throw notFound('team_not_found');
    return outcome === 'done' ? settled(undefined) : STALE;
  });
}

/** Only members of the org can be put in its teams. Idempotent: adding a member twice changes nothing. */
export async function addTeamMember(deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>, cmd: { orgId: string; teamId: string; userId: string; actor: Actor }) {
  await untilSettled(async () => {
    const { caller, team, member } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor, cmd.userId);
    if (!member) throw notFound('member_not_found');
    if (member.teams.includes(team.teamId)) return settled(undefined);
    if (member.teams.length >= MAX_TEAMS_PER_MEMBER) throw conflict('team_limit_reached');
    const now = deps.clock.now();
    const event = auditEvent(deps, team.orgId, 'team.member_added', cmd.actor, { teamId: team.teamId, userId: member.userId, email: member.email },
      { teamName: team.name }, now);
    const outcome = await deps.teams.addMember({
      team, member, actorAdminId: caller.userId, event, now: now.toISOString(), maxTeams: MAX_TEAMS_PER_MEMBER,
    });
    if (outcome === 'member_not_found') throw notFound('member_not_found');
    if (outcome === 'team_limit') throw conflict('team_limit_reached');
    if (outcome === 'team_not_found') throw notFound('team_not_found');
    return outcome === 'stale' ? STALE : settled(undefined);
  });
}

export async function removeTeamMember(deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>, cmd: { orgId: string; teamId: string; userId: string; actor: Actor }) {
  await untilSettled(async () => {
    const { caller, team, member } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor, cmd.userId);
    if (!member) throw notFound('member_not_found');
    if (!member.teams.includes(team.teamId)) return settled(undefined);
    const now = deps.clock.now();
    const event = auditEvent(deps, team.orgId, 'team.member_removed', cmd.actor, { teamId: team.teamId, userId: member.userId, email: member.email },
      { teamName: team.name }, now);
    const outcome = await deps.teams.removeMember({ team, member, actorAdminId: caller.userId, event, now: now.toISOString() });
    return outcome === 'stale' ? STALE : settled(undefined);
  });
}

/** Invitations name teams by id: every one must exist in the org (a typo is a 400, not a silent drop). */
export async function requireTeamsExist(deps: Pick<Deps, 'teams'>, orgId: string, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  if (new Set(teamIds).size > MAX_TEAMS_PER_MEMBER) {
    throw invalid(`An invitation can name at most ${MAX_TEAMS_PER_MEMBER} teams.`, [{ path: 'body.teams', message: `at most ${MAX_TEAMS_PER_MEMBER} teams` }]);
  }
  const found = new Set((await deps.teams.existing(orgId, teamIds)).map((t) => t.teamId));
  const errors = teamIds.flatMap((id, i) => (found.has(id) ? [] : [{ path: `body.teams.${i}`, message: `no team ${id} in this organization` }]));
  if (errors.length > 0) throw new DomainError('validation', 'unknown_teams', { errors });
}
