import type { Deps, Revocation } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { conflict, DomainError } from '../errors.ts';
import type { Actor, Invitation, Member } from '../model.ts';
import type { AuthorityLoss } from './member-rules.ts';

/**
 * One membership change in one transaction, with the revocation of the invitations the member sent
 * as an admin when the change takes that authority away. Those that do not fit in the transaction
 * are revoked right after; until then accept refuses them anyway (it checks the inviter).
 */
export async function writeMemberChange(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>,
  actor: Actor,
  before: Member,
  after: Member | null,
  events: ReturnType<typeof auditEvent>[],
  loss: AuthorityLoss | null,
  now: Date,
  primaryContactUserId: string | undefined,
): Promise<boolean> {
  const nowIso = now.toISOString();
  const primaryContact = primaryContactAfter(before, after, primaryContactUserId);
  const allEvents =
    primaryContact === 'clear'
      ? [
          ...events,
          auditEvent(
            deps,
            before.orgId,
            'member.primary_contact_changed',
            actor,
            { userId: before.userId, email: before.email },
            { from: before.userId, to: null, reason: after ? 'suspended' : actor.userId === before.userId ? 'left' : 'removed' },
            now,
          ),
        ]
      : events;
  const revocations: Revocation[] = loss
    ? (await deps.invitations.listPendingSentBy(before.orgId, before.userId, nowIso)).map((inv) => ({
        invitation: inv,
        revokedBy: actor.userId,
        event: authorityLossRevocation(deps, actor, before, inv, loss, now),
      }))
    : [];
  const { outcome, deferred } = await deps.members.write({
    before,
    after,
    actorAdminId: actor.userId,
    events: allEvents,
    revocations,
    now: nowIso,
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
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations'>,
  actor: Actor,
  before: Member,
  loss: AuthorityLoss | null,
  revocations: Revocation[],
  deferred: Revocation[],
  now: Date,
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
    const event = authorityLossRevocation(deps, actor, before, inv, loss, now);
    await deps.invitations.transition({ invitation: inv, to: 'revoked', by: actor.userId, now: nowIso, event });
  }
}

/** The audit event of revoking an invitation `inviter` sent, because the change took their authority away (`loss`). */
function authorityLossRevocation(
  deps: Pick<Deps, 'clock' | 'ids'>,
  actor: Actor,
  inviter: Member,
  inv: Pick<Invitation, 'invitationId' | 'email'>,
  loss: AuthorityLoss,
  now: Date,
) {
  return auditEvent(
    deps,
    inviter.orgId,
    'invitation.revoked',
    actor,
    { invitationId: inv.invitationId, email: inv.email },
    { reason: loss, inviter: inviter.userId },
    now,
  );
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
