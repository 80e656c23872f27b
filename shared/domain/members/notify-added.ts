import type { Deps, Mailer } from '../../ports.ts';
import type { Member } from '../model.ts';
import { addedEmail } from './added-email.ts';

/**
 * The stream dispatcher calls this for a member item inserted with via=direct (every direct add). A
 * member removed again before the record is handled gets nothing. The leave link opens the web app's
 * organizations page, where each org has its Leave button (POST /orgs/{orgId}/leave).
 */
export async function notifyAddedMember(deps: Pick<Deps, 'orgs' | 'acceptUrlBase'> & { mailer: Mailer }, m: Member): Promise<'sent' | 'skipped'> {
  const { org, member } = await deps.orgs.getWithMember(m.orgId, m.userId);
  if (!org || !member || member.joinedAt !== m.joinedAt) return 'skipped';
  await deps.mailer.send(addedEmail({
    to: m.email,
    orgName: org.name,
    inviterName: m.invitedBy?.name ?? '',
    role: member.role,
    appUrl: new URL(deps.acceptUrlBase).origin,
    leaveUrl: leaveUrl(deps.acceptUrlBase),
  }));
  return 'sent';
}

export const leaveUrl = (acceptUrlBase: string) => `${new URL(acceptUrlBase).origin}/organizations`;
