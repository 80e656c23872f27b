import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { withinQuotas } from '../limits/send-limits.ts';
import type { Actor, Member, Org, OrgSettings } from '../model.ts';
import { normalizeDomains } from './domains.ts';
import { orgView } from './org-view.ts';
import { limitsOf } from './plans.ts';
import { defaultSettings } from './settings.ts';

export interface CreateOrgCommand {
  actor: Actor;
  name: string;
  allowedDomains?: string[];
}

export async function createOrg(deps: Pick<Deps, 'clock' | 'ids' | 'orgs' | 'plans' | 'quotas'>, cmd: CreateOrgCommand) {
  const now = deps.clock.now().toISOString();
  const settings: OrgSettings = {
    ...defaultSettings,
    allowedDomains: normalizeDomains(cmd.allowedDomains ?? []),
  };
  const org: Org = {
    orgId: deps.ids.orgId(),
    name: cmd.name,
    // the operator's default: a customer never picks their plan (and with it their limits)
    plan: deps.plans.default,
    settings,
    memberCount: 1,
    adminCount: 1,
    pendingCount: 0,
    createdAt: now,
    version: 1,
  };
  const creator: Member = {
    orgId: org.orgId,
    userId: cmd.actor.userId,
    email: cmd.actor.email,
    name: cmd.actor.name ?? '',
    role: 'admin',
    status: 'active',
    teams: [],
    joinedAt: now,
    invitedBy: null,
  };
  const event = auditEvent(
    deps,
    org.orgId,
    'org.created',
    cmd.actor,
    { orgId: org.orgId },
    {
      name: org.name,
      plan: org.plan,
    },
  );
  const known = cmd.actor.emailVerified ? { userId: creator.userId, email: creator.email, name: creator.name } : undefined;
  // a throwaway account must not multiply its send quotas by creating orgs (the inviter's quota also
  // spans orgs); the count is the default plan's, the plan every new org gets
  const perDay = limitsOf(deps.plans, deps.plans.default).orgsCreatedPerUserPerDay;
  const quota = perDay === null ? [] : [{ counter: { name: 'orgs_created' as const, owner: cmd.actor.userId }, limit: perDay }];
  await withinQuotas(deps, quota, 1, async () => {
    await deps.orgs.create(org, creator, event, known);
    return { result: undefined, used: 1 };
  });
  return { org: orgView(org) };
}
