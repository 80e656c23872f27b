import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { loadTeamAsAdmin } from './team.ts';

export async function removeTeamMember(
  deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'teams'>,
  cmd: { orgId: string; teamId: string; userId: string; actor: Actor },
) {
  await untilSettled(async () => {
    const { caller, team, member } = await loadTeamAsAdmin(deps, cmd.orgId, cmd.teamId, cmd.actor, cmd.userId);
    if (!member) throw notFound('member_not_found');
    if (!member.teams.includes(team.teamId)) return settled(undefined);
    const now = deps.clock.now();
    const event = auditEvent(deps, team.orgId, 'team.member_removed', cmd.actor, auditTarget.teamMember(team, member), { teamName: team.name }, now);
    const outcome = await deps.teams.removeMember({ team, member, actorAdminId: caller.userId, event, now: now.toISOString() });
    return outcome === 'stale' ? STALE : settled(undefined);
  });
}
