/** The shapes the domain reasons about. Adapters translate stored items to and from these. */
import type { AuditEventType } from './audit/types.ts';
import type { Locale } from './notifications/locales.ts';
import type { Branding } from './orgs/branding.ts';

export const roles = ['admin', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** A name in the operator's plan catalogue (shared/domain/orgs/plans.ts). */
export type Plan = string;

export interface Actor {
  /** A service principal's is `service:<clientId>`, which is what the audit log records as its actor. */
  userId: string;
  email: string;
  emailVerified: boolean;
  name?: string;
  /** The OIDC `zoneinfo` claim, when the token carries a valid IANA name: the person's own time zone. */
  timeZone?: string;
  /** Set when the caller is a service principal (OAuth client credentials, no user): see shared/domain/access.ts. */
  service?: { clientId: string };
}

export interface OrgSettings {
  allowedDomains: string[];
  autoJoin: { enabled: boolean; role: Exclude<Role, 'admin'> };
  invitationTtlDays: number;
  reminderHoursBeforeExpiry: number;
  notifyInviterOnAccept: boolean;
  directAddExistingUsers: boolean;
  /** Hours before a member's end of access that they and the admins are reminded (0: never); absent: 72. */
  accessReminderHoursBeforeEnd?: number;
  /** The products members can be given access to; absent when the org does not use product access. */
  products?: Product[];
  /** How the org's emails look and who answers them; absent until an admin sets it (orgs/branding.ts). */
  branding?: Branding;
}

export interface Product {
  key: string;
  name: string;
}

export interface Org {
  orgId: string;
  name: string;
  plan: Plan;
  settings: OrgSettings;
  /** Stored counters; `pendingCount` may still include invitations whose expiry has just passed. */
  memberCount: number;
  adminCount: number;
  pendingCount: number;
  /** Invitations accepted since the org was created (never decreases); absent until the first. */
  acceptedInvitations?: number;
  createdAt: string;
  /** The member the org's provider talks to first; cleared when that person stops being an active member. */
  primaryContactUserId?: string;
  /** Absent while the org has never been paused by the sender reputation guard (sending-guard.ts). */
  sending?: OrgSending;
  /** Bumped on every settings change so concurrent PATCHes cannot overwrite each other blindly. */
  version: number;
}

/** What is left of an org after DELETE /orgs/{orgId}: enough to tell an invitation link that it was revoked. */
export interface DeletedOrg {
  orgId: string;
  name: string;
  deletedAt: string;
  /** False once the cleanup job has removed everything the org held but its audit trail. */
  cleanupPending: boolean;
}

export const memberStatuses = ['active', 'suspended'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
/**
 * What the members list filters by: a stored status, or `ended` (active, but the end of access has
 * passed: the member has no access although the removal has not run yet; `active` then excludes them).
 */
export const memberListStatuses = [...memberStatuses, 'ended'] as const;
export type MemberListStatus = (typeof memberListStatuses)[number];

export interface Member {
  orgId: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  status: MemberStatus;
  teams: string[];
  joinedAt: string;
  invitedBy: { userId: string; name: string } | null;
  /** Product keys (a subset of the org's `settings.products`); absent in orgs without products. */
  products?: string[];
  /** Set on members added directly (org setting directAddExistingUsers): the dispatcher emails them. */
  via?: 'direct';
  /** From this instant the member has no access (shared/domain/access.ts), and a schedule removes them. */
  accessUntil?: string;
  /** The `accessUntil` whose reminder was written (the dispatcher then emails it); a new end gets its own. */
  accessRemindedFor?: string;
  /** The language of emails to this member: the one of the invitation they accepted; absent: the org's default. */
  locale?: Locale;
  /**
   * Written by the periodic retry job when this end's schedules could not be created: the change makes the
   * dispatcher (which alone talks to the Scheduler) create them again (access-schedule-retries.ts).
   */
  accessSchedulesRetryAt?: string;
  /**
   * The IANA time zone of the dates in emails to this member: their token's `zoneinfo` claim when they
   * joined, else their invitation's `timeZone`; absent: UTC.
   */
  timeZone?: string;
}

export interface Team {
  teamId: string;
  orgId: string;
  name: string;
  memberCount: number;
  createdAt: string;
}

/** One list for the domain, the handlers' schemas, the OpenAPI document and the client (its order is the document's). */
export const invitationStatuses = ['pending', 'accepted', 'declined', 'expired', 'revoked'] as const;
export type StoredInvitationStatus = (typeof invitationStatuses)[number];
export type InvitationStatus = StoredInvitationStatus;

export const deliveryStatuses = ['queued', 'sent', 'failed', 'bounced', 'complained', 'not_sent', 'paused'] as const;
/** `paused`: held back by the sender reputation guard (`delivery.reason` says why; shared/domain/orgs/sending-guard.ts). */
export type DeliveryStatus = (typeof deliveryStatuses)[number];
/** Why a delivery is `paused`: the org's sending is paused, or the address hard-bounced or complained in this org. */
export type HoldReason = 'sending_paused' | 'address_bounced' | 'address_complained';

export interface Delivery {
  status: DeliveryStatus;
  detail?: string;
  at: string;
  messageId?: string;
  attempts?: number;
  reason?: HoldReason;
}

export interface Invitation {
  invitationId: string;
  orgId: string;
  email: string;
  role: Role;
  teams: string[];
  firstName?: string;
  lastName?: string;
  message?: string;
  /** Copied to the membership on accept. */
  products?: string[];
  /** The invitee becomes the org's primary contact on accept (if the org still has none). */
  primaryContact?: boolean;
  /** Copied to the membership on accept: the member's access ends then. The invitation expires by then at the latest. */
  accessUntil?: string;
  /** The language of its emails; absent: the org's default language, else English. */
  locale?: Locale;
  /** The invitee's IANA time zone: its emails write dates in it (absent: UTC). Copied to the membership on accept. */
  timeZone?: string;
  /** Stored status: a pending one past its expiry is reported as expired by `effectiveStatus`. */
  status: StoredInvitationStatus;
  invitedBy: { userId: string; name: string };
  createdAt: string;
  expiresAt: string;
  lastSentAt: string | null;
  /** Sends requested: the first email and each resend, each with a new link (a send's sequence number). */
  sendCount: number;
  /** Invitation emails that really went out; less than sendCount when a resend was coalesced or a send failed. */
  emailsSent?: number;
  sendEmail: boolean;
  /** Random per send; the link token is derived from it with the service's link secret. */
  linkNonce: string;
  tokenHash: string;
  resendWindowStart: string | null;
  resendsInWindow: number;
  acceptedAt?: string;
  acceptedBy?: string;
  declinedAt?: string;
  revokedAt?: string;
  revokedBy?: string;
  delivery?: Delivery;
  /**
   * Absent while the reminder and expiry schedules were created normally. `failed`: the Scheduler
   * refused them (the email did not wait for it); a periodic job asks the dispatcher to try again
   * (`retryAt`), and `scheduled` records the recovery.
   */
  schedules?: { status: 'failed' | 'scheduled'; at: string; attempts?: number; detail?: string; retryAt?: string };
  /** Set once, when the reminder schedule fired for a still-pending invitation (the dispatcher then emails it). */
  remindedAt?: string;
  /** Set once, when someone holding the expired link asked for a new invitation (the dispatcher tells the admins). */
  renewalRequestedAt?: string;
}

export interface AuditEvent {
  eventId: string;
  orgId: string;
  type: AuditEventType;
  at: string;
  actor: { userId: string; email: string } | { system: true };
  target: Record<string, unknown>;
  details: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Sends, permanent bounces and complaints counted for an org (one day's bucket, or a window's sum). */
export interface Tally {
  sent: number;
  bounced: number;
  complained: number;
}

/**
 * The org's sending state under the sender reputation guard. `baseline` is the resume day's tally
 * at the resume: the guard then judges only what was sent after it, so old bounces do not pause the
 * org again the moment it is resumed.
 */
export interface OrgSending {
  status: 'active' | 'paused';
  since: string;
  reason?: 'bounce_rate' | 'complaint_rate';
  rates?: { sent: number; bounced: number; complained: number; bounceRate: number; complaintRate: number };
  resumedBy?: string;
  baseline?: Tally & { day: string };
}
