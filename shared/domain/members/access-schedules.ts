import { createHash } from 'node:crypto';
import type { AccessJob } from '../../ports.ts';
import type { Member, OrgSettings } from '../model.ts';

/** The reminder's lead time when the org has not chosen one (settings.accessReminderHoursBeforeEnd). */
export const ACCESS_REMINDER_HOURS_DEFAULT = 72;

/**
 * Schedule names are derived from the membership and the end they are for (hashed: a user id can be
 * long, a name has at most 64 characters), so a retried stream record asks for the same name again,
 * and a new end gets schedules of its own while the old ones are cancelled.
 */
const tag = (m: Pick<Member, 'orgId' | 'userId'>, accessUntil: string) =>
  createHash('sha256').update(`${m.orgId}\n${m.userId}\n${accessUntil}`).digest('base64url').slice(0, 40);
export const accessEndScheduleName = (m: Pick<Member, 'orgId' | 'userId'>, accessUntil: string) => `access-end-${tag(m, accessUntil)}`;
export const accessReminderScheduleName = (m: Pick<Member, 'orgId' | 'userId'>, accessUntil: string) => `access-reminder-${tag(m, accessUntil)}`;

export const reminderHoursOf = (settings: Pick<OrgSettings, 'accessReminderHoursBeforeEnd'>) =>
  settings.accessReminderHoursBeforeEnd ?? ACCESS_REMINDER_HOURS_DEFAULT;

/**
 * The schedules of a member's end of access: the removal at the end (rounded up to the second: firing
 * before it would find nothing to remove), and the reminder `hours` before (rounded down), unless that
 * time has passed already or the org reminds nobody (0).
 */
export function accessSchedules(
  m: Pick<Member, 'orgId' | 'userId'> & { accessUntil: string },
  settings: Pick<OrgSettings, 'accessReminderHoursBeforeEnd'>,
  now: Date,
): { name: string; at: Date; job: AccessJob }[] {
  const end = Date.parse(m.accessUntil);
  const job = (kind: AccessJob['kind']): AccessJob => ({ kind, orgId: m.orgId, userId: m.userId, accessUntil: m.accessUntil });
  const out = [{ name: accessEndScheduleName(m, m.accessUntil), at: new Date(Math.ceil(end / 1000) * 1000), job: job('access_end') }];
  const hours = reminderHoursOf(settings);
  const remindAt = Math.floor((end - hours * 3_600_000) / 1000) * 1000;
  if (hours > 0 && remindAt > now.getTime()) {
    out.push({ name: accessReminderScheduleName(m, m.accessUntil), at: new Date(remindAt), job: job('access_reminder') });
  }
  return out;
}
