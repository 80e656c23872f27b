import type { Org } from '../model.ts';

/**
 * The org as the API shows it. `pendingInvitations` never counts an invitation whose deadline has
 * passed (see OrgStore.countPending: an index read, which may trail a write by the index's lag).
 */
export function orgView(org: Org, pendingInvitations = org.pendingCount) {
  return {
    orgId: org.orgId,
    name: org.name,
    plan: org.plan,
    settings: org.settings,
    counts: { members: org.memberCount, admins: org.adminCount, pendingInvitations },
    primaryContactUserId: org.primaryContactUserId ?? null,
    createdAt: org.createdAt,
  };
}
export type OrgView = ReturnType<typeof orgView>;
