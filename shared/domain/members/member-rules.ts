import type { AuditEventType } from '../audit/types.ts';
import type { Member, MemberStatus, Role } from '../model.ts';

export const isActiveAdmin = (m: Pick<Member, 'role' | 'status'> | null) => m?.role === 'admin' && m.status === 'active';

/** The member after a PATCH, and the audit event types it produces (role first, then status). */
export function planMemberChange(before: Member, patch: { role?: Role; status?: MemberStatus; products?: string[] }) {
  const after: Member = {
    ...before,
    role: patch.role ?? before.role,
    status: patch.status ?? before.status,
    ...(patch.products ? { products: patch.products } : {}),
  };
  const changes: { type: AuditEventType; details: Record<string, unknown> }[] = [];
  if (after.role !== before.role) changes.push({ type: 'member.role_changed', details: { from: before.role, to: after.role } });
  if (after.status !== before.status) {
    changes.push({
      type: after.status === 'suspended' ? 'member.suspended' : 'member.reactivated',
      details: { from: before.status, to: after.status, role: after.role },
    });
  }
  if (patch.products && JSON.stringify(patch.products) !== JSON.stringify(before.products ?? [])) {
    changes.push({ type: 'member.products_changed', details: { from: before.products ?? [], to: patch.products } });
  }
  return { after, changes };
}

export type AuthorityLoss = 'inviter_demoted' | 'inviter_suspended' | 'inviter_removed' | 'inviter_left';

/**
 * Why a change takes away the admin authority the member's pending invitations were sent under, or
 * null when it does not: their invitations are revoked in the same step.
 */
export function authorityLost(before: Member, after: Member | null, how: 'patch' | 'remove' | 'leave'): AuthorityLoss | null {
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return null;
  if (how === 'remove') return 'inviter_removed';
  if (how === 'leave') return 'inviter_left';
  return after?.status === 'suspended' ? 'inviter_suspended' : 'inviter_demoted';
}
