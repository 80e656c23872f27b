import type { Deps } from '../../ports.ts';
import type { Member } from '../model.ts';
import { addedEmail } from '../notifications/added-email.ts';
import { lookOf } from '../notifications/layout.ts';
import { type SendOnceDeps, sendIdOf, sendOnce } from '../notifications/send-once.ts';

/**
 * The stream dispatcher calls this for a member item inserted with via=direct (every direct add). A
 * member removed again before the record is handled gets nothing. The leave link is signed for this
 * membership (leave-by-link.ts): the web app's /leave page leaves with one click, without signing in.
 */
export async function notifyAddedMember(deps: Pick<Deps, 'orgs' | 'links' | 'urls'> & SendOnceDeps, m: Member): Promise<'sent' | 'skipped'> {
  const { org, member } = await deps.orgs.getWithMember(m.orgId, m.userId);
  if (!org || !member || member.joinedAt !== m.joinedAt) return 'skipped';
  // one email per membership: joinedAt tells a re-added member's new membership from the old one
  const sent = await sendOnce(
    deps,
    sendIdOf('added', m.orgId, m.userId, Date.parse(m.joinedAt)),
    addedEmail(
      {
        to: m.email,
        inviterName: m.invitedBy?.name ?? '',
        role: member.role,
        appUrl: deps.urls.app,
        leaveUrl: deps.urls.leave(deps.links.leaveTokenFor(member)),
      },
      lookOf(org),
    ),
  );
  return sent.outcome === 'sent' ? 'sent' : 'skipped';
}
