import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { loadTeamAsAdmin, MAX_TEAMS_PER_MEMBER } from './team.ts';

/** Only members of the org can be put in its teams. Idempotent: adding a member twice changes nothing. */
export async function addTeamMember(
  deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>,
  cmd: { orgId: string; teamId: string; userId: string; actor: Actor },
) {
  await untilSettled(async () => {
    const { caller, team, member } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor, cmd.userId);
    if (!member) throw notFound('member_not_found');
    if (member.teams.includes(team.teamId)) return settled(undefined);
    if (member.teams.length >= MAX_TEAMS_PER_MEMBER) throw conflict('team_limit_reached');
    const now = deps.clock.now();
    const event = auditEvent(deps, team.orgId, 'team.member_added', cmd.actor, auditTarget.teamMember(team, member), { teamName: team.name }, now);
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
