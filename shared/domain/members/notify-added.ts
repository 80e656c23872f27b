import type { Deps } from '../../ports.ts';
import type { Member } from '../model.ts';
import { type SendOnceDeps, sendIdOf, sendOnce } from '../notifications/send-once.ts';
import { addedEmail } from './added-email.ts';

/**
 * The stream dispatcher calls this for a member item inserted with via=direct (every direct add). A
 * member removed again before the record is handled gets nothing. The leave link opens the web app's
 * organizations page, where each org has its Leave button (POST /orgs/{orgId}/leave).
 */
export async function notifyAddedMember(deps: Pick<Deps, 'orgs' | 'acceptUrlBase'> & SendOnceDeps, m: Member): Promise<'sent' | 'skipped'> {
  const { org, member } = await deps.orgs.getWithMember(m.orgId, m.userId);
  if (!org || !member || member.joinedAt !== m.joinedAt) return 'skipped';
  // one email per membership: joinedAt tells a re-added member's new membership from the old one
  const sent = await sendOnce(deps, sendIdOf('added', m.orgId, m.userId, Date.parse(m.joinedAt)), addedEmail({
    to: m.email,
    orgName: org.name,
    inviterName: m.invitedBy?.name ?? '',
    role: member.role,
    appUrl: new URL(deps.acceptUrlBase).origin,
    leaveUrl: leaveUrl(deps.acceptUrlBase),
  }));
  return sent.outcome === 'sent' ? 'sent' : 'skipped';
}

export const leaveUrl = (acceptUrlBase: string) => `${new URL(acceptUrlBase).origin}/organizations`;
