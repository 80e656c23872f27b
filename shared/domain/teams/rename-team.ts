import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { loadTeamAsAdmin, teamView } from './team.ts';

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
