import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { loadScopeAs } from '../members/scope.ts';
import type { Actor, Member, Team } from '../model.ts';

/**
 * A member is in at most this many teams. It keeps every write that carries all of a member's team
 * memberships (removal, accept, direct add: 2 items per team) inside one 100-item transaction.
 */
export const MAX_TEAMS_PER_MEMBER = 40;

export const teamView = (t: Team) => ({ teamId: t.teamId, orgId: t.orgId, name: t.name, memberCount: t.memberCount, createdAt: t.createdAt });

export async function loadTeamAsAdmin(deps: Pick<Deps, 'clock' | 'members'>, orgId: string, teamId: string, actor: Actor, memberId?: string) {
  const { org, caller, team, member } = await loadScopeAs(deps, orgId, actor, 'teams.manage', {
    teamId,
    ...(memberId !== undefined ? { memberId } : {}),
  });
  if (!team) throw notFound('team_not_found');
  return { org, caller, team, member };
}

/** A change of one member's place in one team: adding them, removing them. */
export type TeamMemberCommand = { orgId: string; teamId: string; userId: string; actor: Actor };
export type TeamMemberDeps = Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>;

/** The team and the member a membership change is about, read as an admin: both must exist. */
export async function loadTeamMember(deps: TeamMemberDeps, cmd: TeamMemberCommand) {
  const { caller, team, member } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor, cmd.userId);
  if (!member) throw notFound('member_not_found');
  return { caller, team, member };
}

/** The audit event of a membership change and its instant, read once the change is known to be needed. */
export function teamMemberEvent(deps: TeamMemberDeps, cmd: TeamMemberCommand, action: 'team.member_added' | 'team.member_removed', team: Team, member: Member) {
  const now = deps.clock.now();
  return { now, event: auditEvent(deps, team.orgId, action, cmd.actor, auditTarget.teamMember(team, member), { teamName: team.name }, now) };
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
