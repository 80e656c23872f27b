import { definedFields } from '../defined-fields.ts';
import { DomainError, gone } from '../errors.ts';
import type { Invitation, InvitationStatus } from '../model.ts';

/** Expiry is exact at read time: a pending invitation whose expiresAt has passed is expired. */
export function effectiveStatus(inv: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): InvitationStatus {
  if (inv.status === 'pending' && now.getTime() >= Date.parse(inv.expiresAt)) return 'expired';
  return inv.status;
}

/** Why a link can no longer be used, as the contract names it. */
export function requireUsable(inv: Invitation, now: Date): void {
  const status = effectiveStatus(inv, now);
  if (status === 'expired') throw gone('invitation_expired');
  if (status === 'revoked') throw gone('invitation_revoked');
  if (status === 'declined') throw gone('invitation_declined');
  if (status === 'accepted') throw new DomainError('conflict', 'invitation_already_used');
}

export const RESEND_MIN_INTERVAL_SECONDS = 60;
export const RESENDS_PER_DAY = 5;
const DAY_MS = 86_400_000;

/**
 * The resend throttle: one per 60 s and five per rolling-from-first 24 h window per invitation.
 * Returns the counters to store, or throws rate_limited with the seconds to wait.
 */
export function nextResendWindow(inv: Invitation, now: Date): { resendWindowStart: string; resendsInWindow: number } {
  const t = now.getTime();
  if (inv.lastSentAt) {
    const wait = Date.parse(inv.lastSentAt) + RESEND_MIN_INTERVAL_SECONDS * 1000 - t;
    if (wait > 0) throw rateLimited(wait);
  }
  const windowStart = inv.resendWindowStart ? Date.parse(inv.resendWindowStart) : null;
  if (windowStart === null || t - windowStart >= DAY_MS) {
    return { resendWindowStart: now.toISOString(), resendsInWindow: 1 };
  }
  if (inv.resendsInWindow >= RESENDS_PER_DAY) throw rateLimited(windowStart + DAY_MS - t);
  return { resendWindowStart: inv.resendWindowStart as string, resendsInWindow: inv.resendsInWindow + 1 };
}

function rateLimited(waitMs: number) {
  return new DomainError('rate_limited', 'resend_rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
}

/** The invitation as admins see it: never its token, nonce or hash. */
export function invitationView(inv: Invitation, now: Date) {
  return {
    invitationId: inv.invitationId,
    orgId: inv.orgId,
    email: inv.email,
    role: inv.role,
    teams: inv.teams,
    ...definedFields({ firstName: inv.firstName, lastName: inv.lastName, accessUntil: inv.accessUntil, locale: inv.locale, timeZone: inv.timeZone }),
    status: effectiveStatus(inv, now),
    invitedBy: inv.invitedBy,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    lastSentAt: inv.lastSentAt,
    // what the invitee really received: a resend coalesced with an undispatched send is one email,
    // and a send still queued is not counted until it goes out
    sendCount: inv.emailsSent ?? 0,
    // the first send and each resend, each with a new link (the item's own `sendCount`, which also
    // numbers the sends: the send ledger's ids and the SES tags use it)
    sendsRequested: inv.sendCount,
    sendEmail: inv.sendEmail,
    ...(inv.acceptedAt ? { acceptedAt: inv.acceptedAt, acceptedBy: inv.acceptedBy } : {}),
    ...(inv.revokedAt ? { revokedAt: inv.revokedAt, revokedBy: inv.revokedBy } : {}),
    ...(inv.declinedAt ? { declinedAt: inv.declinedAt } : {}),
    ...(inv.remindedAt ? { remindedAt: inv.remindedAt } : {}),
    ...(inv.renewalRequestedAt ? { renewalRequestedAt: inv.renewalRequestedAt } : {}),
    // how the last send went; SES message ids and attempt counters stay internal
    ...(inv.delivery
      ? {
          delivery: {
            status: inv.delivery.status,
            at: inv.delivery.at,
            ...(inv.delivery.detail ? { detail: inv.delivery.detail } : {}),
            ...(inv.delivery.reason ? { reason: inv.delivery.reason } : {}),
          },
        }
      : {}),
    // only when the reminder/expiry schedules could not be created (then `failed`, retried) or were created late (`scheduled`)
    ...(inv.schedules
      ? { schedules: { status: inv.schedules.status, at: inv.schedules.at, ...(inv.schedules.detail ? { detail: inv.schedules.detail } : {}) } }
      : {}),
  };
}
