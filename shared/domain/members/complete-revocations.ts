import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import type { Member } from '../model.ts';
import { type AuthorityLoss, isActiveAdmin } from './member-rules.ts';

/**
 * Why a membership change, seen as the item before and after it (a stream record), took away the
 * admin authority of the member, or null when it did not.
 */
export function authorityLostBetween(
  before: Pick<Member, 'role' | 'status'> | undefined,
  after: Pick<Member, 'role' | 'status'> | undefined,
): AuthorityLoss | null {
  if (!before || !isActiveAdmin(before) || (after && isActiveAdmin(after))) return null;
  // removal, leaving and erasure all delete the item: the stream cannot tell them apart
  if (!after) return 'inviter_removed';
  return after.status === 'suspended' ? 'inviter_suspended' : 'inviter_demoted';
}

/**
 * Revokes every invitation the member still has pending in the org, after they lost the authority
 * they sent it under. The request that made the change does this itself, in its transaction and right
 * after; the stream dispatcher runs it again for every such change, so revocations the request could
 * not finish (DynamoDB busy, the function stopped) are completed, and a failure here is retried with
 * the stream record. Revoking twice is harmless: the transition is conditional on `pending`.
 * Returns how many it revoked.
 */
export async function completeRevocations(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'members'>,
  change: { orgId: string; inviterId: string; reason: AuthorityLoss },
): Promise<number> {
  // an admin again by the time this runs (a late or retried record) sent their pending invitations with authority
  if (isActiveAdmin(await deps.members.get(change.orgId, change.inviterId))) return 0;
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  let revoked = 0;
  for (const inv of await deps.invitations.listPendingSentBy(change.orgId, change.inviterId, nowIso)) {
    // the inviter's id stays out of the event: after an erasure it must not reappear in the trail
    const event = auditEvent(
      deps,
      change.orgId,
      'invitation.revoked',
      'system',
      auditTarget.invitation(inv),
      { reason: change.reason, completedAfterChange: true },
      now,
    );
    if ((await deps.invitations.transition({ invitation: inv, to: 'revoked', by: 'system', now: nowIso, event })) === 'done') revoked++;
  }
  return revoked;
}
