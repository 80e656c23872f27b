/**
 * The one vocabulary of audit events: `auditEvent()` takes only these, and the list filter accepts
 * these or `<prefix>.*`, so a type the service writes is always one an admin can filter on.
 */
export const auditEventTypes = [
  'org.created',
  'org.updated',
  'org.deleted',
  'org.plan_changed',
  'org.sending_paused',
  'org.sending_resumed',
  'invitation.sent',
  'invitation.resent',
  'invitation.accepted',
  'invitation.declined',
  'invitation.revoked',
  'invitation.expired',
  'invitation.reminded',
  'invitation.delivery_failed',
  'invitation.renewal_requested',
  'invitation.resend_coalesced',
  'member.added',
  'member.role_changed',
  'member.suspended',
  'member.reactivated',
  'member.removed',
  'member.left',
  'member.primary_contact_changed',
  'member.products_changed',
  'member.access_until_changed',
  'member.email_settings_changed',
  'member.access_ending_reminded',
  'member.access_ended',
  'member.access_ended',
  'user.erased',
  'join_link.created',
  'join_link.revoked',
  'join_request.created',
  'join_request.approved',
  'join_request.denied',
  'team.created',
  'team.renamed',
  'team.deleted',
  'team.member_added',
  'team.member_removed',
] as const;
export type AuditEventType = (typeof auditEventTypes)[number];

const prefixes = new Set(auditEventTypes.map((t) => t.slice(0, t.indexOf('.'))));

/** The entries of a `type` filter that are neither a known type nor `<known prefix>.*`. */
export function unknownTypeFilters(filters: readonly string[]): string[] {
  return filters.filter((f) => (f.endsWith('.*') ? !prefixes.has(f.slice(0, -2)) : !(auditEventTypes as readonly string[]).includes(f)));
}
