import type { OrgSettings, Plan } from '../model.ts';

export const defaultSettings: OrgSettings = {
  allowedDomains: [],
  autoJoin: { enabled: false, role: 'member' },
  invitationTtlDays: 7,
  reminderHoursBeforeExpiry: 48,
  notifyInviterOnAccept: true,
  directAddExistingUsers: false,
};

/** The plan limits, in one place. `null` means unlimited. */
export const planLimits: Record<Plan, { pendingInvitations: number | null; members: number | null }> = {
  standard: { pendingInvitations: 50, members: 100 },
  enterprise: { pendingInvitations: null, members: null },
};
