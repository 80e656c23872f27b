import type { Deps } from '../../ports.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { memberView } from './member-view.ts';
import { loadScopeAs } from './scope.ts';

/**
 * GET /orgs/{orgId}/members/{userId}: what a backend asks before letting a user in ("a member, with
 * which role, status, teams and products?"), answered from one read of the org, the caller and the
 * member. Whoever may list the members may read one; a non-member is 404 member_not_found.
 */
export async function getMember(deps: Pick<Deps, 'clock' | 'members'>, cmd: { orgId: string; userId: string; actor: Actor }) {
  const { org, member } = await loadScopeAs(deps, cmd.orgId, cmd.actor, 'members.read', { memberId: cmd.userId });
  if (!member) throw notFound('member_not_found');
  return { member: memberView(member, org.primaryContactUserId ?? '') };
}
