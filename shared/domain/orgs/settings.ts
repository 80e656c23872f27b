import type { OrgSettings } from '../model.ts';

export const defaultSettings: OrgSettings = {
  allowedDomains: [],
  autoJoin: { enabled: false, role: 'member' },
  invitationTtlDays: 7,
  reminderHoursBeforeExpiry: 48,
  notifyInviterOnAccept: true,
  directAddExistingUsers: false,
};
