import { STALE, settled, untilSettled } from '../until-settled.ts';
import { loadTeamMember, type TeamMemberCommand, type TeamMemberDeps, teamMemberEvent } from './team.ts';

export async function removeTeamMember(deps: TeamMemberDeps, cmd: TeamMemberCommand) {
  await untilSettled(async () => {
    const { caller, team, member } = await loadTeamMember(deps, cmd);
    if (!member.teams.includes(team.teamId)) return settled(undefined);
    const { now, event } = teamMemberEvent(deps, cmd, 'team.member_removed', team, member);
    const outcome = await deps.teams.removeMember({ team, member, actorAdminId: caller.userId, event, now: now.toISOString() });
    return outcome === 'stale' ? STALE : settled(undefined);
  });
}
