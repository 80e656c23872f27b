import type { Deps } from '../../ports.ts';
import { type Capability, callerIn, requireCapability } from '../access.ts';
import { notFound } from '../errors.ts';
import type { Actor, Member } from '../model.ts';

/**
 * The org, the caller (who must hold `capability`), and the member and/or team the action is about,
 * read in one round trip. `member` is the caller's own row when they act on themselves.
 */
export async function loadScopeAs(
  deps: Pick<Deps, 'clock' | 'members'>,
  orgId: string,
  actor: Actor,
  capability: Capability,
  of: { memberId?: string; teamId?: string },
) {
  const scope = await deps.members.loadScope(orgId, actor.userId, of);
  const caller = requireCapability(callerIn(orgId, actor, scope.caller), capability, deps.clock.now());
  if (!scope.org) throw notFound('org_not_found');
  const member: Member | null = of.memberId === caller.userId ? caller : scope.member;
  return { org: scope.org, caller, member, team: scope.team };
}
