import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import type { Actor } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { authorityLost } from './member-rules.ts';
import { writeMemberChange } from './write-member-change.ts';

export async function leaveOrg(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members' | 'orgs'>,
  cmd: { orgId: string; actor: Actor; via?: 'leave_link' },
): Promise<void> {
  await untilSettled(async () => {
    const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'org.leave');
    const now = deps.clock.now();
    const details = { role: caller.role, teams: caller.teams, ...(cmd.via ? { via: cmd.via } : {}) };
    const event = auditEvent(deps, org.orgId, 'member.left', cmd.actor, auditTarget.person(caller), details, now);
    const done = await writeMemberChange(deps, cmd.actor, caller, null, [event], authorityLost(caller, null, 'leave'), now, org.primaryContactUserId);
    return done ? settled(undefined) : STALE;
  });
}
