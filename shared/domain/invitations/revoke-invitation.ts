import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { conflict } from '../errors.ts';
import type { Actor } from '../model.ts';
import { effectiveStatus, invitationView } from './invitation.ts';
import { loadInvitationAsAdmin } from './load-as-admin.ts';

export async function revokeInvitation(deps: Pick<Deps, 'clock' | 'ids' | 'invitations'>, cmd: { orgId: string; invitationId: string; actor: Actor }) {
  const { invitation } = await loadInvitationAsAdmin(deps, cmd.orgId, cmd.invitationId, cmd.actor);
  const now = deps.clock.now();
  if (effectiveStatus(invitation, now) !== 'pending') throw conflict('invitation_not_pending');
  const event = auditEvent(deps, invitation.orgId, 'invitation.revoked', cmd.actor, auditTarget.invitation(invitation), {}, now);
  // The condition (still pending and unexpired) is what decides a race with accept, not the check above.
  const outcome = await deps.invitations.transition({ invitation, to: 'revoked', by: cmd.actor.userId, now: now.toISOString(), event });
  if (outcome !== 'done') throw conflict('invitation_not_pending');
  const revoked = { ...invitation, status: 'revoked' as const, revokedAt: now.toISOString(), revokedBy: cmd.actor.userId };
  return { invitation: invitationView(revoked, now) };
}
