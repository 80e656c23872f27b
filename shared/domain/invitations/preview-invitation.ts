import type { Deps } from '../../ports.ts';
import { maskEmail } from '../emails.ts';
import { notFound } from '../errors.ts';
import { findByLink } from './find-by-link.ts';
import { effectiveStatus } from './invitation.ts';

/**
 * What the accept page shows to anyone holding the link. Read-only, so link scanners that GET
 * every URL in an email cannot consume or change an invitation.
 */
export async function previewInvitation(deps: Pick<Deps, 'clock' | 'invitations' | 'links'>, cmd: { token: string }) {
  const found = await findByLink(deps, cmd.token);
  const org = found?.org ?? found?.deletedOrg;
  if (!found || !org) throw notFound('invitation_not_found');
  const { invitation: inv } = found;
  const status = effectiveStatus(inv, deps.clock.now());
  return {
    orgId: org.orgId,
    orgName: org.name,
    inviterName: inv.invitedBy.name,
    role: inv.role,
    email: maskEmail(inv.email),
    expiresAt: inv.expiresAt,
    status,
    // an expired link can ask the admins for a new invitation, once (POST /invitations/request-new)
    canRequestNew: status === 'expired' && !inv.renewalRequestedAt,
    renewalRequested: Boolean(inv.renewalRequestedAt),
  };
}
