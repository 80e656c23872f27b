import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import type { Actor, Team } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { teamView } from './team.ts';

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
