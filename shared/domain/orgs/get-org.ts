import type { Deps } from '../../ports.ts';
import { callerIn, requireCapability } from '../access.ts';
import { notFound } from '../errors.ts';
import { orgLimitsView } from '../limits/send-limits.ts';
import type { Actor } from '../model.ts';
import { orgView } from './org-view.ts';
import { limitsOf } from './plans.ts';

export async function loadOrgAs(deps: Pick<Deps, 'clock' | 'orgs'>, orgId: string, actor: Actor, capability: Parameters<typeof requireCapability>[1]) {
  const { org, member } = await deps.orgs.getWithMember(orgId, actor.userId);
  const caller = requireCapability(callerIn(orgId, actor, member), capability, deps.clock.now());
  if (!org) throw notFound('org_not_found');
  return { org, caller };
}

export async function getOrg(deps: Pick<Deps, 'clock' | 'orgs' | 'plans' | 'quotas'>, cmd: { orgId: string; actor: Actor }) {
  const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'org.read');
  const now = deps.clock.now().toISOString();
  const admin = caller.role === 'admin';
  // the stored counter can include invitations that expired a moment ago; count exactly when it matters
  const [pending, limits] = await Promise.all([
    org.pendingCount > 0 ? deps.orgs.countPending(org.orgId, now) : 0,
    // the limits and today's sends are the admins' business, as the sending state is (Settings shows them)
    admin ? orgLimitsView(deps, limitsOf(deps.plans, org.plan), org) : undefined,
  ]);
  return { org: orgView(org, pending, { sending: admin, ...(limits ? { limits } : {}) }) };
}
