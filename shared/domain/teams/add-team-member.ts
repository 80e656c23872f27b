import { conflict, notFound } from '../errors.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { loadTeamMember, MAX_TEAMS_PER_MEMBER, type TeamMemberCommand, type TeamMemberDeps, teamMemberEvent } from './team.ts';

/** Only members of the org can be put in its teams. Idempotent: adding a member twice changes nothing. */
export async function addTeamMember(deps: TeamMemberDeps, cmd: TeamMemberCommand) {
  await untilSettled(async () => {
    const { caller, team, member } = await loadTeamMember(deps, cmd);
    if (member.teams.includes(team.teamId)) return settled(undefined);
    if (member.teams.length >= MAX_TEAMS_PER_MEMBER) throw conflict('team_limit_reached');
    const { now, event } = teamMemberEvent(deps, cmd, 'team.member_added', team, member);
    const outcome = await deps.teams.addMember({
      team,
      member,
      actorAdminId: caller.userId,
      event,
      now: now.toISOString(),
      maxTeams: MAX_TEAMS_PER_MEMBER,
    });
    if (outcome === 'member_not_found') throw notFound('member_not_found');
    if (outcome === 'team_limit') throw conflict('team_limit_reached');
    if (outcome === 'team_not_found') throw notFound('team_not_found');
    return outcome === 'stale' ? STALE : settled(undefined);
  });
}
