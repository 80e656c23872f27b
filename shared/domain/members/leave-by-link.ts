import type { Deps } from '../../ports.ts';
import { DomainError, notFound } from '../errors.ts';
import { leaveOrg } from './leave-org.ts';

/**
 * The one-click way out of a membership a person never asked for: the "you were added" email of a
 * direct add carries a signed link to it (notify-added.ts). The link is the credential, for that
 * membership only, so no sign-in is needed; it leaves as the member would (`leaveOrg`: the same
 * rules, e.g. the last admin stays, and the same `member.left` audit event, marked `via: leave_link`).
 * A link that was altered, or whose membership has ended or been replaced, opens nothing.
 */
export async function leaveByLink(
  deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links' | 'members' | 'orgs'>,
  cmd: { token: string },
): Promise<{ org: { orgId: string; name: string } }> {
  const ref = deps.links.parseLeave(cmd.token);
  if (!ref) throw notFound('leave_link_invalid');
  const { org, member } = await deps.orgs.getWithMember(ref.orgId, ref.userId);
  if (!org || !member || member.status !== 'active' || !deps.links.leaveMatches(cmd.token, member)) throw notFound('leave_link_invalid');
  try {
    await leaveOrg(deps, {
      orgId: org.orgId,
      actor: { userId: member.userId, email: member.email, emailVerified: true, name: member.name },
      via: 'leave_link',
    });
  } catch (error) {
    // gone between the read and the write (left or removed meanwhile): the link has nothing left to open
    if (error instanceof DomainError && error.code === 'org_not_found') throw notFound('leave_link_invalid');
    throw error;
  }
  return { org: { orgId: org.orgId, name: org.name } };
}
