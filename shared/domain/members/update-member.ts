import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { Actor, MemberStatus, Role } from '../model.ts';
import { distinctProducts, requireKnownProducts } from '../orgs/products.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { checkAccessUntil } from './access-until.ts';
import { authorityLost, planMemberChange } from './member-rules.ts';
import { memberView } from './member-view.ts';
import { loadScopeAs } from './scope.ts';
import { writeMemberChange } from './write-member-change.ts';

/**
 * Role changes, suspend / reactivate, products and the end of access. The last active admin without
 * an end date can be neither demoted, suspended nor given an end date (the counter's condition decides).
 */
export async function updateMember(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>,
  cmd: { orgId: string; userId: string; actor: Actor; role?: Role; status?: MemberStatus; products?: string[]; accessUntil?: string | null },
) {
  const accessUntil = typeof cmd.accessUntil === 'string' ? checkAccessUntil(cmd.accessUntil, deps.clock.now(), 'accessUntil') : cmd.accessUntil;
  return untilSettled(async () => {
    const { org, member: before } = await loadScopeAs(deps, cmd.orgId, cmd.actor, 'members.manage', { memberId: cmd.userId });
    if (!before) throw notFound('member_not_found');
    requireKnownProducts(org, cmd.products);
    const { after, changes } = planMemberChange(before, {
      ...cmd,
      ...(cmd.products ? { products: distinctProducts(cmd.products) } : {}),
      ...(accessUntil !== undefined ? { accessUntil } : {}),
    });
    const pc = org.primaryContactUserId ?? '';
    if (changes.length === 0) return settled({ member: memberView(before, pc) });
    const now = deps.clock.now();
    const target = { userId: before.userId, email: before.email };
    const events = changes.map((c) => auditEvent(deps, org.orgId, c.type, cmd.actor, target, c.details, now));
    const done = await writeMemberChange(deps, cmd.actor, before, after, events, authorityLost(before, after, 'patch'), now, org.primaryContactUserId);
    return done ? settled({ member: memberView(after, after.status === 'active' ? pc : '') }) : STALE;
  });
}
