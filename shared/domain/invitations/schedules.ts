import type { ScheduledJob } from '../../ports.ts';
import type { Invitation, OrgSettings } from '../model.ts';

/**
 * One-time schedules of an invitation. Names are derived from the invitation alone, so a retried
 * stream record asks for the same name again and the scheduler keeps one schedule, never two.
 */
export const reminderScheduleName = (invitationId: string) => `reminder-${invitationId}`;
export const expiryScheduleName = (invitationId: string) => `expiry-${invitationId}`;

const HOUR_MS = 3_600_000;

/**
 * When the reminder should fire, or null for none: no email sent yet (a silent invitation until an
 * admin resends it), the setting at 0, or a reminder time already past (a short-lived invitation, a resend late in its life) get none.
 * Whole seconds (at() has no milliseconds), rounded down: a reminder a moment early is harmless.
 */
export function reminderSchedule(
  inv: Pick<Invitation, 'invitationId' | 'orgId' | 'expiresAt' | 'sendCount'>,
  settings: Pick<OrgSettings, 'reminderHoursBeforeExpiry'>,
  now: Date,
): { name: string; at: Date; job: ScheduledJob } | null {
  const hours = settings.reminderHoursBeforeExpiry;
  if (inv.sendCount === 0 || !(hours > 0)) return null;
  const at = floorToSecond(Date.parse(inv.expiresAt) - hours * HOUR_MS);
  if (at.getTime() <= now.getTime()) return null;
  return { name: reminderScheduleName(inv.invitationId), at, job: { kind: 'reminder', orgId: inv.orgId, invitationId: inv.invitationId } };
}

/**
 * Fires when the invitation expires, to record `invitation.expired` then rather than whenever
 * someone next looks. Rounded up: firing before the deadline would find nothing to expire.
 */
export function expirySchedule(inv: Pick<Invitation, 'invitationId' | 'orgId' | 'expiresAt'>): { name: string; at: Date; job: ScheduledJob } {
  const ms = Date.parse(inv.expiresAt);
  return {
    name: expiryScheduleName(inv.invitationId),
    at: new Date(Math.ceil(ms / 1000) * 1000),
    job: { kind: 'expiry', orgId: inv.orgId, invitationId: inv.invitationId },
  };
}

const floorToSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);
