import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { domainOf } from '../emails.ts';
import { conflict } from '../errors.ts';
import type { Actor, Member, Org, Role } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { limitsOf, type PlanCatalogue } from '../orgs/plans.ts';

export interface DirectAddRecipient {
  email: string;
  role: Role;
  firstName?: string;
  lastName?: string;
}

export type DirectAddStatus = 'added' | 'already_member' | 'member_suspended' | 'already_invited' | 'member_limit_reached';

/**
 * Whether an org may add this address directly (issue 17). Direct add places a person in an org
 * without their consent and, by answering `added` rather than `invited`, tells the admin that the
 * address has an account; so it is allowed only where both are acceptable:
 * - the operator enabled it for the org's plan (plans are operator configuration, not customer input);
 * - the org's admin turned it on (`directAddExistingUsers`);
 * - the address is in one of the org's listed `allowedDomains` (its own company's domains: an empty
 *   list, which lets invitations go anywhere, admits nobody here);
 * - the person is emailed (`sendEmail: true`): a direct add is never silent.
 */
export function directAddAllowed(plans: PlanCatalogue, org: Org, email: string, sendEmail: boolean): boolean {
  return limitsOf(plans, org.plan).directAdd && org.settings.directAddExistingUsers && sendEmail && org.settings.allowedDomains.includes(domainOf(email));
}

/**
 * Recipients the service already knows by verified email, where `directAddAllowed`, become members at
 * once (no invitation, no link) and are told by email through the outbox, with a way to leave. Others
 * are left to the caller, who invites them. Returns the outcome per email for those it handled; the
 * answer never carries the person's user id.
 */
export async function addKnownUsers(
  deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'orgs' | 'plans' | 'teams'>,
  cmd: { org: Org; caller: Member; actor: Actor; recipients: DirectAddRecipient[]; teams: string[]; sendEmail: boolean },
): Promise<Map<string, { status: DirectAddStatus }>> {
  const out = new Map<string, { status: DirectAddStatus }>();
  const eligible = cmd.recipients.filter((r) => directAddAllowed(deps.plans, cmd.org, r.email, cmd.sendEmail));
  if (eligible.length === 0) return out;
  const known = await deps.members.knownUsers(eligible.map((r) => r.email));
  for (const r of eligible) {
    const user = known.get(r.email);
    if (!user) continue;
    out.set(r.email, { status: await addOne(deps, cmd, r, user) });
  }
  return out;
}

async function addOne(
  deps: Pick<Deps, 'clock' | 'ids' | 'members' | 'orgs' | 'plans' | 'teams'>,
  cmd: { org: Org; caller: Member; actor: Actor; teams: string[] },
  r: DirectAddRecipient,
  user: { userId: string; name: string },
): Promise<DirectAddStatus> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = deps.clock.now();
    // teams deleted since the request was checked are skipped rather than failing the whole add
    const live = new Set((await deps.teams.existing(cmd.org.orgId, cmd.teams)).map((t) => t.teamId));
    const member: Member = {
      orgId: cmd.org.orgId,
      userId: user.userId,
      email: r.email,
      name: user.name || [r.firstName, r.lastName].filter(Boolean).join(' '),
      role: r.role,
      status: 'active',
      teams: cmd.teams.filter((t) => live.has(t)),
      joinedAt: now.toISOString(),
      invitedBy: { userId: cmd.caller.userId, name: cmd.caller.name || cmd.actor.name || cmd.caller.email },
      via: 'direct' as const, // always told, with a way to leave (notify-added.ts)
    };
    const event = auditEvent(
      deps,
      cmd.org.orgId,
      'member.added',
      cmd.actor,
      auditTarget.person(member),
      { role: member.role, via: 'direct', teams: member.teams, sendEmail: true },
      now,
    );
    const outcome = await deps.members.addDirect({
      org: cmd.org,
      member,
      actorAdminId: cmd.caller.userId,
      memberLimit: limitsOf(deps.plans, cmd.org.plan).members,
      event,
    });
    if (outcome !== 'stale') return outcome;
    // the inviting admin may have lost the role meanwhile: this throws if so
    await loadOrgAs(deps, cmd.org.orgId, cmd.actor, 'invitations.manage');
  }
  throw conflict('concurrent_update');
}
