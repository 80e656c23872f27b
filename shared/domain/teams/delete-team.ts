import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { loadTeamAsAdmin } from './team.ts';

/** Deleting a team ends its memberships; the members stay in the org. */
export async function deleteTeam(deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>, cmd: { orgId: string; teamId: string; actor: Actor }): Promise<void> {
  await untilSettled(async () => {
    const { caller, team } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor);
    const event = auditEvent(deps, team.orgId, 'team.deleted', cmd.actor, { teamId: team.teamId }, { name: team.name, memberCount: team.memberCount });
    const outcome = await deps.teams.delete(team, caller.userId, event);
    if (outcome === 'not_found') throw notFound('team_not_found');
    return outcome === 'done' ? settled(undefined) : STALE;
  });
}
