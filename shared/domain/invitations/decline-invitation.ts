import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { requireInvitee } from './accept-invitation.ts';
import { findByLink } from './find-by-link.ts';
import { requireUsable } from './invitation.ts';

export async function declineInvitation(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links'>, cmd: { token: string; actor: Actor }) {
  const found = await findByLink(deps, cmd.token);
  if (!found) throw notFound('invitation_not_found');
  const { invitation } = found;
  requireInvitee(invitation, cmd.actor);
  const now = deps.clock.now();
  requireUsable(invitation, now);
  const event = auditEvent(deps, invitation.orgId, 'invitation.declined', cmd.actor, auditTarget.invitation(invitation), {}, now);
  const outcome = await deps.invitations.transition({ invitation, to: 'declined', now: now.toISOString(), event });
  if (outcome !== 'done') throw conflict('invitation_not_pending');
  return { invitation: { invitationId: invitation.invitationId, orgId: invitation.orgId, status: 'declined' as const } };
}
