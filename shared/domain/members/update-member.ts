import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { Actor, MemberStatus, Role } from '../model.ts';
import { checkTimeZone } from '../notifications/time-zones.ts';
import { checkLocale } from '../orgs/branding.ts';
import { distinctProducts, requireKnownProducts } from '../orgs/products.ts';
import { STALE, settled, untilSettled } from '../until-settled.ts';
import { checkAccessUntil } from './access-until.ts';
import { authorityLost, isOwnEmailSettings, type MemberPatch, planMemberChange } from './member-rules.ts';
import { memberView } from './member-view.ts';
import { loadScopeAs } from './scope.ts';
import { writeMemberChange } from './write-member-change.ts';

/**
 * Role changes, suspend / reactivate, products, the end of access and the email settings (language,
 * time zone; null goes back to the default). The last active admin without an end date can be neither
 * demoted, suspended nor given an end date (the counter's condition decides). Admins change anyone;
 * any active member may change their own email settings, and nothing else.
 */
export async function updateMember(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>,
  cmd: {
    orgId: string;
    userId: string;
    actor: Actor;
    role?: Role;
    status?: MemberStatus;
    products?: string[];
    accessUntil?: string | null;
    locale?: string | null;
    timeZone?: string | null;
  },
) {
  const { orgId: _o, userId: _u, actor: _a, locale, timeZone, accessUntil, products, ...rest } = cmd;
  const patch: MemberPatch = {
    ...rest,
    ...(products ? { products: distinctProducts(products) } : {}),
    ...(accessUntil !== undefined ? { accessUntil: accessUntil === null ? null : checkAccessUntil(accessUntil, deps.clock.now(), 'accessUntil') } : {}),
    ...(locale !== undefined ? { locale: locale === null ? null : checkLocale(locale, 'locale') } : {}),
    ...(timeZone !== undefined ? { timeZone: timeZone === null ? null : checkTimeZone(timeZone, 'timeZone') } : {}),
  };
  const capability = isOwnEmailSettings(cmd.actor.userId, cmd.userId, patch) ? 'org.read' : 'members.manage';
  return untilSettled(async () => {
    const { org, member: before } = await loadScopeAs(deps, cmd.orgId, cmd.actor, capability, { memberId: cmd.userId });
    if (!before) throw notFound('member_not_found');
    requireKnownProducts(org, cmd.products);
    const { after, changes } = planMemberChange(before, patch);
    const pc = org.primaryContactUserId ?? '';
    if (changes.length === 0) return settled({ member: memberView(before, pc) });
    const now = deps.clock.now();
    const target = { userId: before.userId, email: before.email };
    const events = changes.map((c) => auditEvent(deps, org.orgId, c.type, cmd.actor, target, c.details, now));
    const done = await writeMemberChange(deps, cmd.actor, before, after, events, authorityLost(before, after, 'patch'), now, org.primaryContactUserId);
    return done ? settled({ member: memberView(after, after.status === 'active' ? pc : '') }) : STALE;
  });
}
