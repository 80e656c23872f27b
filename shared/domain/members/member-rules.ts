import type { AuditEventType } from '../audit/types.ts';
import type { Member, MemberStatus, Role } from '../model.ts';
import type { Locale } from '../notifications/locales.ts';

export const isActiveAdmin = (m: Pick<Member, 'role' | 'status'> | null) => m?.role === 'admin' && m.status === 'active';

/**
 * An active admin without an end date: the admins the org's `adminCount` counts and the last-admin
 * rule keeps at least one of. An admin with an end date holds the role until then, but cannot be
 * the one the org relies on (docs/adr/members-with-an-end-date.md).
 */
export const isPermanentAdmin = (m: Pick<Member, 'role' | 'status' | 'accessUntil'> | null) => isActiveAdmin(m) && m?.accessUntil === undefined;

export interface MemberPatch {
  role?: Role;
  status?: MemberStatus;
  products?: string[];
  accessUntil?: string | null;
  locale?: Locale | null;
  timeZone?: string | null;
}

/** The fields of a member's own email settings: the only ones they may PATCH on their own row without being an admin. */
const emailSettings = ['locale', 'timeZone'] as const;

/** Whether the PATCH only sets the caller's own email settings, which any active member may do. */
export const isOwnEmailSettings = (actorId: string, userId: string, patch: MemberPatch) =>
  actorId === userId && (Object.keys(patch) as (keyof MemberPatch)[]).every((k) => patch[k] === undefined || (emailSettings as readonly string[]).includes(k));

// undefined: unchanged; null: cleared; otherwise the new value
const patched = <T>(value: T | null | undefined, was: T | undefined) => (value === undefined ? was : (value ?? undefined));

/** The member after a PATCH, and the audit event types it produces (role first, then status). */
export function planMemberChange(before: Member, patch: MemberPatch) {
  const { accessUntil: _kept, locale: _locale, timeZone: _zone, ...rest } = before;
  const accessUntil = patched(patch.accessUntil, before.accessUntil);
  const locale = patched(patch.locale, before.locale);
  const timeZone = patched(patch.timeZone, before.timeZone);
  const after: Member = {
    ...rest,
    role: patch.role ?? before.role,
    status: patch.status ?? before.status,
    ...(patch.products ? { products: patch.products } : {}),
    ...(accessUntil !== undefined ? { accessUntil } : {}),
    ...(locale !== undefined ? { locale } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
  const changes: { type: AuditEventType; details: Record<string, unknown> }[] = [];
  if (after.role !== before.role) changes.push({ type: 'member.role_changed', details: { from: before.role, to: after.role } });
  if (after.status !== before.status) {
    changes.push({
      type: after.status === 'suspended' ? 'member.suspended' : 'member.reactivated',
      details: { from: before.status, to: after.status, role: after.role },
    });
  }
  if (patch.products && JSON.stringify(patch.products) !== JSON.stringify(before.products ?? [])) {
    changes.push({ type: 'member.products_changed', details: { from: before.products ?? [], to: patch.products } });
  }
  if (after.accessUntil !== before.accessUntil) {
    changes.push({ type: 'member.access_until_changed', details: { from: before.accessUntil ?? null, to: after.accessUntil ?? null } });
  }
  const settingsChanged = emailSettings.filter((k) => after[k] !== before[k]);
  if (settingsChanged.length > 0) {
    changes.push({
      type: 'member.email_settings_changed',
      details: {
        from: Object.fromEntries(settingsChanged.map((k) => [k, before[k] ?? null])),
        to: Object.fromEntries(settingsChanged.map((k) => [k, after[k] ?? null])),
      },
    });
  }
  return { after, changes };
}

export type AuthorityLoss = 'inviter_demoted' | 'inviter_suspended' | 'inviter_removed' | 'inviter_left';

/**
 * Why a change takes away the admin authority the member's pending invitations were sent under, or
 * null when it does not: their invitations are revoked in the same step.
 */
export function authorityLost(before: Member, after: Member | null, how: 'patch' | 'remove' | 'leave'): AuthorityLoss | null {
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return null;
  if (how === 'remove') return 'inviter_removed';
  if (how === 'leave') return 'inviter_left';
  return after?.status === 'suspended' ? 'inviter_suspended' : 'inviter_demoted';
}
