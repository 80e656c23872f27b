import type { Deps, Revocation } from '../../ports.ts';
import { auditEvent } from '../audit.ts';
import { conflict, DomainError, notFound } from '../errors.ts';
import type { Actor, Member, MemberStatus, Role } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { distinctProducts, requireKnownProducts } from '../orgs/products.ts';
import { type AuthorityLoss, authorityLost, planMemberChange, STALE, settled, untilSettled } from './member-rules.ts';
import { memberView } from './member-view.ts';
import { loadScopeAs } from './scope.ts';

export interface ListMembersCommand {
  orgId: string;
  actor: Actor;
  statuses?: MemberStatus[];
  roles?: Role[];
  teamId?: string;
  product?: string;
  search?: string;
  limit: number;
  cursor?: string;
}

export async function listMembers(deps: Pick<Deps, 'members' | 'orgs' | 'teams'>, cmd: ListMembersCommand) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'members.read');
  if (cmd.teamId && !(await deps.teams.get(org.orgId, cmd.teamId))) throw notFound('team_not_found');
  const page = await deps.members.list(
    org.orgId,
    {
      ...(cmd.statuses ? { statuses: cmd.statuses } : {}),
      ...(cmd.roles ? { roles: cmd.roles } : {}),
      ...(cmd.teamId ? { teamId: cmd.teamId } : {}),
      ...(cmd.product ? { product: cmd.product } : {}),
      ...(cmd.search ? { search: cmd.search } : {}),
    },
    { limit: cmd.limit, ...(cmd.cursor ? { cursor: cmd.cursor } : {}) },
  );
  return { items: page.items.map((m) => memberView(m, org.primaryContactUserId ?? '')), nextCursor: page.nextCursor };
}

/** Role changes and suspend / reactivate. The last active admin can be neither demoted nor suspended. */
export async function updateMember(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>,
  cmd: { orgId: string; userId: string; actor: Actor; role?: Role; status?: MemberStatus; products?: string[] },
) {
  return untilSettled(async () => {
    const { org, member: before } = await loadScopeAs(deps, cmd.orgId, cmd.actor, 'members.manage', { memberId: cmd.userId });
    if (!before) throw notFound('member_not_found');
    requireKnownProducts(org, cmd.products);
    const { after, changes } = planMemberChange(before, { ...cmd, ...(cmd.products ? { products: distinctProducts(cmd.products) } : {}) });
    const pc = org.primaryContactUserId ?? '';
    if (changes.length === 0) return settled({ member: memberView(before, pc) });
    const now = deps.clock.now();
    const target = { userId: before.userId, email: before.email };
    const events = changes.map((c) => auditEvent(deps, org.orgId, c.type, cmd.actor, target, c.details, now));
    const done = await writeChange(deps, cmd.actor, before, after, events, authorityLost(before, after, 'patch'), now, org.primaryContactUserId);
    return done ? settled({ member: memberView(after, after.status === 'active' ? pc : '') }) : STALE;
  });
}

/** An admin removes someone (themselves included) from the org and all its teams. */
export async function removeMember(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>, cmd: { orgId: string; userId: string; actor: Actor }): Promise<void> {
  await untilSettled(async () => {
    const { org, member: before } = await loadScopeAs(deps, cmd.orgId, cmd.actor, 'members.manage', { memberId: cmd.userId });
    if (!before) throw notFound('member_not_found');
    const now = deps.clock.now();
    const event = auditEvent(deps, org.orgId, 'member.removed', cmd.actor, { userId: before.userId, email: before.email },
      { role: before.role, status: before.status, teams: before.teams }, now);
    const done = await writeChange(deps, cmd.actor, before, null, [event], authorityLost(before, null, 'remove'), now, org.primaryContactUserId);
    return done ? settled(undefined) : STALE;
  });
}

export async function leaveOrg(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members' | 'orgs'>, cmd: { orgId: string; actor: Actor; via?: 'leave_link' },
): Promise<void> {
  await untilSettled(async () => {
    const { org, caller } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'org.leave');
    const now = deps.clock.now();
    const event = auditEvent(deps, org.orgId, 'member.left', cmd.actor, { userId: caller.userId, email: caller.email },
      { role: caller.role, teams: caller.teams, ...(cmd.via ? { via: cmd.via } : {}) }, now);
    const done = await writeChange(deps, cmd.actor, caller, null, [event], authorityLost(caller, null, 'leave'), now, org.primaryContactUserId);
    return done ? settled(undefined) : STALE;
  });
}

/**
 * One membership change in one transaction, with the revocation of the invitations the member sent
 * as an admin when the change takes that authority away. Those that do not fit in the transaction
 * are revoked right after; until then accept refuses them anyway (it checks the inviter).
 */
async function writeChange(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>, actor: Actor, before: Member, after: Member | null, events: ReturnType<typeof auditEvent>[],
  loss: AuthorityLoss | null, now: Date, primaryContactUserId: string | undefined,
): Promise<boolean> {
  const nowIso = now.toISOString();
  const primaryContact = primaryContactAfter(before, after, primaryContactUserId);
  const allEvents = primaryContact === 'clear'
    ? [...events, auditEvent(deps, before.orgId, 'member.primary_contact_changed', actor, { userId: before.userId, email: before.email },
        { from: before.userId, to: null, reason: after ? 'suspended' : actor.userId === before.userId ? 'left' : 'removed' }, now)]
    : events;
  const revocations: Revocation[] = loss
    ? (await deps.invitations.listPendingSentBy(before.orgId, before.userId, nowIso)).map((inv) => ({
        invitation: inv,
        revokedBy: actor.userId,
        event: auditEvent(deps, before.orgId, 'invitation.revoked', actor, { invitationId: inv.invitationId, email: inv.email },
          { reason: loss, inviter: before.userId }, now),
      }))
    : [];
  const { outcome, deferred } = await deps.members.write({
    before, after, actorAdminId: actor.userId, events: allEvents, revocations, now: nowIso,
    ...(primaryContact ? { primaryContact } : {}),
  });
  if (outcome === 'last_admin') throw conflict('last_admin');
  if (outcome === 'stale') return false;
  // The change has committed: from here on the answer is its success. Revocations that do not fit in
  // its transaction follow; if DynamoDB is too busy for them now, the stream dispatcher completes them
  // (complete-revocations.ts), and until then accept refuses these invitations (it checks the inviter).
  await revocationsAfter(() => followUpRevocations(deps, actor, before, loss, revocations, deferred, now));
  return true;
}

async function followUpRevocations(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations'>, actor: Actor, before: Member, loss: AuthorityLoss | null,
  revocations: Revocation[], deferred: Revocation[], now: Date,
): Promise<void> {
  const nowIso = now.toISOString();
  for (const r of deferred) {
    await deps.invitations.transition({ invitation: r.invitation, to: 'revoked', by: r.revokedBy, now: nowIso, event: r.event });
  }
  if (!loss) return;
  // An invite the member sent while this change was on its way (read before it, written after our
  // list) is still pending: sweep once more. Anything later still cannot be accepted (accept
  // checks the inviter), it only waits to be closed there, by expiry or by the stream dispatcher.
  const handled = new Set(revocations.map((r) => r.invitation.invitationId));
  for (const inv of await deps.invitations.listPendingSentBy(before.orgId, before.userId, nowIso)) {
    if (handled.has(inv.invitationId)) continue;
    const event = auditEvent(deps, before.orgId, 'invitation.revoked', actor, { invitationId: inv.invitationId, email: inv.email },
      { reason: loss, inviter: before.userId }, now);
    await deps.invitations.transition({ invitation: inv, to: 'revoked', by: actor.userId, now: nowIso, event });
  }
}

/**
 * Runs the revocations that follow a committed change. Only `service_busy` is absorbed (the stream
 * dispatcher finishes them): any other error is a bug and still surfaces.
 */
export async function revocationsAfter(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'service_busy')) throw error;
  }
}

/**
 * A member who stops being active (removed, suspended, left, erased) stops being the org's primary
 * contact in the same write ('clear'); it never blocks the change. Any other deactivation asserts
 * the member is not the primary contact ('not_this_member'), so a concurrent move to them sends the
 * write back to re-read instead of leaving a suspended or departed primary contact behind.
 */
export function primaryContactAfter(before: Member, after: Member | null, primaryContactUserId: string | undefined) {
  const deactivates = before.status === 'active' && after?.status !== 'active';
  if (!deactivates) return undefined;
  return primaryContactUserId === before.userId ? ('clear' as const) : ('not_this_member' as const);
}
