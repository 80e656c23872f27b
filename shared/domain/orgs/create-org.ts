import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { normalizeEmail } from '../emails.ts';
import { DomainError } from '../errors.ts';
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
  /** Who a service principal creates the org for; a person creating one owns it (docs/adr/service-principals.md). */
  owner?: { userId: string; email: string; name?: string };
}

/**
 * The first admin: the person creating the org, or the user a service principal names. A backend
 * creates orgs on behalf of its users and never owns one itself (it is an admin of every org within
 * its scopes already); a person cannot hand an org to someone else at creation.
 */
function firstAdmin(cmd: CreateOrgCommand): { userId: string; email: string; name: string; verified: boolean } {
  if (cmd.actor.service) {
    if (!cmd.owner) throw new DomainError('validation', 'owner_required', { errors: [{ path: 'body.owner', message: 'required for a service principal' }] });
    // the backend vouches for who its user is, not that the address is verified: no known-user record
    return { userId: cmd.owner.userId, email: normalizeEmail(cmd.owner.email), name: cmd.owner.name ?? '', verified: false };
  }
  if (cmd.owner)
    throw new DomainError('validation', 'owner_not_allowed', { errors: [{ path: 'body.owner', message: 'only a service principal names an owner' }] });
  return { userId: cmd.actor.userId, email: cmd.actor.email, name: cmd.actor.name ?? '', verified: cmd.actor.emailVerified };
}

export async function createOrg(deps: Pick<Deps, 'clock' | 'ids' | 'orgs' | 'plans' | 'quotas'>, cmd: CreateOrgCommand) {
  const owner = firstAdmin(cmd);
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
    userId: owner.userId,
    email: owner.email,
    name: owner.name,
    role: 'admin',
    status: 'active',
    teams: [],
    joinedAt: now,
    invitedBy: null,
    ...(cmd.actor.timeZone ? { timeZone: cmd.actor.timeZone } : {}),
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
      ...(cmd.actor.service ? { owner: { userId: owner.userId, email: owner.email } } : {}),
    },
  );
  const known = owner.verified ? { userId: creator.userId, email: creator.email, name: creator.name } : undefined;
  // a throwaway account must not multiply its send quotas by creating orgs (the inviter's quota also
  // spans orgs); the count is the default plan's, the plan every new org gets. It counts the owner's, so
  // a user gets no more orgs through a backend than by themselves.
  const perDay = limitsOf(deps.plans, deps.plans.default).orgsCreatedPerUserPerDay;
  const quota = perDay === null ? [] : [{ counter: { name: 'orgs_created' as const, owner: owner.userId }, limit: perDay }];
  await withinQuotas(deps, quota, 1, async () => {
    await deps.orgs.create(org, creator, event, known);
    return { result: undefined, used: 1 };
  });
  return { org: orgView(org) };
}
