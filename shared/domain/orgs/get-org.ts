import type { Deps } from '../../ports.ts';
import { requireCapability } from '../access.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { orgView } from './org-view.ts';

export async function loadOrgAs(deps: Pick<Deps, 'orgs'>, orgId: string, actor: Actor, capability: Parameters<typeof requireCapability>[1]) {
  const { org, member } = await deps.orgs.getWithMember(orgId, actor.userId);
  const caller = requireCapability(member, capability);
  if (!org) throw notFound('org_not_found');
  return { org, caller };
}

export async function getOrg(deps: Pick<Deps, 'clock' | 'orgs'>, cmd: { orgId: string; actor: Actor }) {
  const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'org.read');
  const now = deps.clock.now().toISOString();
  // the stored counter can include invitations that expired a moment ago; count exactly when it matters
  const pending = org.pendingCount > 0 ? await deps.orgs.countPending(org.orgId, now) : 0;
  return { org: orgView(org, pending, { sending: caller.role === 'admin' }) };
}
