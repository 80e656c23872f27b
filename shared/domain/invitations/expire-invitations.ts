import type { Deps, ExpiredRef } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';

/** What the jobs on one invitation need (expiry, reminder marking, mail events): no other store. */
export type InvitationJobDeps = Pick<Deps, 'clock' | 'ids' | 'invitations'>;

/**
 * Closes invitations whose deadline has passed: status expired, email claim released, pending counter
 * decremented, `invitation.expired` audited, in one transaction each. The condition
 * (still pending, deadline passed) makes it safe to run from several places at once: the
 * scheduled expiry, the TTL stream, and an invite that needs the places back. Only one wins.
 */
export async function expireInvitations(deps: InvitationJobDeps, refs: ExpiredRef[]): Promise<number> {
  const now = deps.clock.now();
  let closed = 0;
  for (const ref of refs) {
    if (Date.parse(ref.expiresAt) > now.getTime()) continue;
    const event = auditEvent(
      deps,
      ref.orgId,
      'invitation.expired',
      'system',
      { invitationId: ref.invitationId, email: ref.email },
      { expiresAt: ref.expiresAt },
      now,
    );
    const outcome = await deps.invitations.transition({ invitation: ref, to: 'expired', now: now.toISOString(), event });
    if (outcome === 'done') closed++;
  }
  return closed;
}

export async function expireDueInOrg(deps: InvitationJobDeps, orgId: string): Promise<number> {
  return expireInvitations(deps, await deps.invitations.listExpiredPending(orgId, deps.clock.now().toISOString()));
}
