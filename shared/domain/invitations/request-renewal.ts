import type { Deps } from '../../ports.ts';
import { auditEvent, auditTarget } from '../audit/audit-event.ts';
import { conflict, DomainError, notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { findByLink } from './find-by-link.ts';
import { effectiveStatus } from './invitation.ts';

/** Requests for new invitations one org accepts per hour, across all its expired links. */
export const RENEWALS_PER_ORG_PER_HOUR = 20;

/**
 * Someone holding an expired link asks for a new invitation. This only records the request (once
 * per invitation) and its audit event; the stream dispatcher emails the org's admins from it.
 * Nothing is re-invited automatically: an admin decides.
 */
export async function requestNewInvitation(deps: Pick<Deps, 'clock' | 'ids' | 'invitations' | 'links'>, cmd: { token: string; actor: Actor }) {
  const found = await findByLink(deps, cmd.token);
  if (!found?.org) throw notFound('invitation_not_found');
  const { invitation: inv } = found;
  const now = deps.clock.now();
  if (effectiveStatus(inv, now) !== 'expired') throw conflict('invitation_not_expired');
  if (inv.renewalRequestedAt) throw conflict('renewal_already_requested');
  const event = auditEvent(deps, inv.orgId, 'invitation.renewal_requested', cmd.actor, auditTarget.invitation(inv), { expiresAt: inv.expiresAt }, now);
  const hour = now.toISOString().slice(0, 13);
  const outcome = await deps.invitations.requestRenewal({
    invitation: inv,
    now: now.toISOString(),
    window: hour,
    maxPerWindow: RENEWALS_PER_ORG_PER_HOUR,
    event,
  });
  if (outcome === 'already_requested') throw conflict('renewal_already_requested');
  if (outcome === 'not_expired') throw conflict('invitation_not_expired');
  if (outcome === 'rate_limited') {
    const nextHour = Date.parse(`${hour}:00:00.000Z`) + 3_600_000;
    throw new DomainError('rate_limited', 'renewal_rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil((nextHour - now.getTime()) / 1000)) });
  }
  return { invitationId: inv.invitationId, orgId: inv.orgId, renewalRequestedAt: now.toISOString() };
}
