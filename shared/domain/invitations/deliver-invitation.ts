import type { Deps, Mailer } from '../../ports.ts';
import type { Invitation } from '../model.ts';
import { acceptUrl, invitationEmail } from '../notifications/invitation-email.ts';
import { effectiveStatus } from './invitation.ts';

export interface DeliveryDeps extends Deps {
  mailer: Mailer;
}

/**
 * Sends the invitation email for one send (the stream dispatcher calls this for each new
 * invitation and each resend). The link is rebuilt from the nonce of that send; if a newer resend
 * has replaced it, or the invitation is no longer pending, nothing is sent.
 */
export async function deliverInvitation(deps: DeliveryDeps, inv: Invitation): Promise<'sent' | 'skipped'> {
  const current = await deps.invitations.get(inv.orgId, inv.invitationId);
  if (!current || current.sendCount !== inv.sendCount || effectiveStatus(current, deps.clock.now()) !== 'pending') {
    return 'skipped';
  }
  const org = await deps.orgs.getWithMember(inv.orgId, '-');
  const message = invitationEmail({
    to: current.email,
    orgName: org.org?.name ?? 'your organization',
    inviterName: current.invitedBy.name,
    role: current.role,
    acceptUrl: acceptUrl(deps.acceptUrlBase, deps.links.tokenFor(current.linkNonce)),
    expiresAt: current.expiresAt,
    ...(current.message ? { message: current.message } : {}),
    kind: 'invitation',
  });
  const { messageId } = await deps.mailer.send(message);
  await deps.invitations.recordDelivery(current, { status: 'sent', at: deps.clock.now().toISOString(), messageId });
  return 'sent';
}
