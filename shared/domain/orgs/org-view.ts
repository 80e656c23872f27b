import type { OrgLimitsView } from '../limits/send-limits.ts';
import type { Org } from '../model.ts';
import { sendingView } from './sending-guard.ts';

/**
 * The org as the API shows it. `pendingInvitations` never counts an invitation whose deadline has
 * passed (see OrgStore.countPending: an index read, which may trail a write by the index's lag).
 */
export function orgView(org: Org, pendingInvitations = org.pendingCount, opts: { sending?: boolean; limits?: OrgLimitsView } = {}) {
  return {
    orgId: org.orgId,
    name: org.name,
    plan: org.plan,
    settings: org.settings,
    counts: { members: org.memberCount, admins: org.adminCount, pendingInvitations },
    primaryContactUserId: org.primaryContactUserId ?? null,
    createdAt: org.createdAt,
    // the reputation guard's state is the admins' business (they are the ones who can act on it)
    ...(opts.sending ? { sending: sendingView(org.sending) } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
  };
}
export type OrgView = ReturnType<typeof orgView>;
