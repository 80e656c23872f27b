import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { authorityLost } from './member-rules.ts';
import { loadScopeAs } from './scope.ts';
import { writeMemberChange } from './write-member-change.ts';

/** An admin removes someone (themselves included) from the org and all its teams. */
export async function removeMember(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>,
  cmd: { orgId: string; userId: string; actor: Actor },
): Promise<void> {
  await untilSettled(async () => {
    const { org, member: before } = await loadScopeAs(deps, cmd.orgId, cmd.actor, 'members.manage', { memberId: cmd.userId });
    if (!before) throw notFound('member_not_found');
    const now = deps.clock.now();
    const details = { role: before.role, status: before.status, teams: before.teams };
    const event = auditEvent(deps, org.orgId, 'member.removed', cmd.actor, auditTarget.person(before), details, now);
    const done = await writeMemberChange(deps, cmd.actor, before, null, [event], authorityLost(before, null, 'remove'), now, org.primaryContactUserId);
    return done ? settled(undefined) : STALE;
  });
}
