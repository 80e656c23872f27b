import type { Deps, ExpiredRef, TransitionWrite } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';

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
  const writes: TransitionWrite[] = refs
    .filter((ref) => Date.parse(ref.expiresAt) <= now.getTime())
    .map((ref) => ({
      invitation: ref,
      to: 'expired',
      now: now.toISOString(),
      event: auditEvent(deps, ref.orgId, 'invitation.expired', 'system', auditTarget.invitation(ref), { expiresAt: ref.expiresAt }, now),
    }));
  // one invitation (its schedule, the TTL stream) is one transaction; an org's many (an invite that
  // needs its places back) are closed several per transaction, not one after another on its counter
  const [only] = writes;
  if (writes.length === 1 && only) return (await deps.invitations.transition(only)) === 'done' ? 1 : 0;
  const byOrg = new Map<string, TransitionWrite[]>();
  for (const w of writes) byOrg.set(w.invitation.orgId, [...(byOrg.get(w.invitation.orgId) ?? []), w]);
  let closed = 0;
  for (const ws of byOrg.values()) closed += await deps.invitations.expireMany(ws);
  return closed;
}

export async function expireDueInOrg(deps: InvitationJobDeps, orgId: string): Promise<number> {
  return expireInvitations(deps, await deps.invitations.listExpiredPending(orgId, deps.clock.now().toISOString()));
}
