import type { AuditEvent, DeletedOrg, Delivery, DeliveryStatus, Invitation, Member, Org, Page, Tally } from '../domain/model.ts';
import type { ListOptions } from './paging.ts';

export type InviteOutcome =
  | 'invited'
  | 'already_invited'
  | 'already_member'
  | 'member_suspended'
  | 'pending_limit_reached'
  /** the email is claimed by an invitation that has expired but was not closed yet */
  | 'expired_claim'
  /** not written: the org was deleted since the request read it (its condition on the org item refused the write) */
  | 'org_deleted'
  /** not written: DynamoDB stayed throttled or contended, or the request's deadline came first; a retry writes it */
  | 'service_busy';

/**
 * What became of one invitation of `createMany`. `invitationId` is set when an earlier attempt of the
 * same request (the same Idempotency-Key) invited this recipient already: that invitation is the answer.
 */
export interface CreateResult {
  outcome: InviteOutcome;
  invitationId?: string;
}

export type ExpiredRef = Pick<Invitation, 'orgId' | 'invitationId' | 'email' | 'expiresAt'>;

export interface NewInvitation {
  invitation: Invitation;
  event: AuditEvent;
}

export interface EmailClaim {
  holder: 'already_invited' | 'already_member' | 'member_suspended';
  /** The pending invitation's expiry (a claim past it no longer blocks a new invitation). */
  expiresAt?: string;
}

/** What `recordSchedules` records about an invitation's schedules. */
export type ScheduleRecord =
  | { status: 'failed'; at: string; attempts: number; detail: string }
  | { status: 'scheduled'; at: string }
  | { status: 'retry'; at: string }
  | { status: 'dropped' };

/** How `recordDelivery` records a send's status, beyond the status itself. */
export interface DeliveryRecordOptions {
  onlyFrom?: DeliveryStatus[];
  /** Refused when the status already is this one (a repeated bounce event is recorded once). */
  notAlready?: boolean;
  event?: AuditEvent;
  /** This record is the send's email going out (adds one to `emailsSent`, once, as the status moves on). */
  countSent?: boolean;
  /** Adds one to the org's reputation counter of that day, in the same transaction. */
  tally?: { field: keyof Tally; day: string };
  /** The address is not emailed again by the org (AP19), in the same transaction. */
  suppress?: { email: string; reason: 'address_bounced' | 'address_complained' };
}

export interface InvitationStore {
  /**
   * Writes each invitation with its claim on the email, counter and audit event, in transactions.
   * Conditions decide the outcome per invitation, so concurrent requests cannot create two pending
   * invitations for one email or pass the plan's pending limit.
   */
  /**
   * Writes the invitations (keyed by invitationId in the result). `request.key` marks their claims, so a
   * retry of the same request recognises the recipients it already invited instead of calling them
   * taken; with `request.resume` (the client sent an Idempotency-Key, so this may be a retry) a bulk
   * invite first reads which recipients an earlier attempt invited and writes only the others.
   */
  createMany(
    org: Org,
    items: NewInvitation[],
    now: string,
    pendingLimit: number | null,
    request: { key: string; resume: boolean },
  ): Promise<Map<string, CreateResult>>;
  /** Gives back the places of bulk-invite reservations left past their deadline (a crashed invite); returns how many. */
  releaseStaleReservations(orgId: string, now: string): Promise<number>;
  listExpiredPending(orgId: string, now: string): Promise<ExpiredRef[]>;
  /**
   * Who holds each email's claim in the org, read without writing (the invite dry run): a pending
   * invitation (with its `expiresAt`) or a member (maybe suspended). Emails nobody holds are absent.
   */
  claimsOf(orgId: string, emails: string[]): Promise<Map<string, EmailClaim>>;
  get(orgId: string, invitationId: string): Promise<Invitation | null>;
  /** The invitation (null if there is none), its org and the caller's membership, in one BatchGetItem. */
  loadWithOrg(orgId: string, invitationId: string, callerUserId: string): Promise<Omit<LoadedInvitation, 'invitation'> & { invitation: Invitation | null }>;
  list(orgId: string, filter: { statuses?: string[]; email?: string; delivery?: DeliveryStatus[] }, now: string, page: ListOptions): Promise<Page<Invitation>>;
  /**
   * pending -> accepted with the new membership, its teams, counters and audit, under one transaction.
   * 'inviter_not_admin': the inviter is no longer an active admin, so the invitation carries no authority.
   */
  accept(input: AcceptWrite): Promise<'accepted' | 'not_pending' | 'member_limit_reached' | 'inviter_not_admin'>;
  /** Pending, unexpired invitations an org member sent (revoked when they lose the admin role). */
  listPendingSentBy(orgId: string, userId: string, now: string): Promise<Invitation[]>;
  transition(input: TransitionWrite): Promise<'done' | 'not_pending'>;
  /**
   * Closes expired invitations of one org, several per transaction (one counter update for all of a
   * chunk, where one transaction each would queue on the org's counter). Returns how many it closed;
   * one that is no longer pending (closed meanwhile) is left out, not an error.
   */
  expireMany(inputs: TransitionWrite[]): Promise<number>;
  /**
   * Records how a send went, unless a newer send (higher sendCount) has happened since, or the
   * current status is not one of `onlyFrom`. With `event`, the audit event is written with it.
   */
  recordDelivery(
    inv: Pick<Invitation, 'orgId' | 'invitationId' | 'sendCount'>,
    delivery: Delivery,
    opts?: DeliveryRecordOptions,
  ): Promise<'recorded' | 'stale'>;
  /**
   * Records that the invitation's schedules could not be created (`failed`, with a marker the
   * periodic retry job finds) or now exist (`scheduled`, marker removed). `retry` only touches a
   * failed record so the dispatcher sees the change and tries again; `dropped` removes the marker of
   * an invitation that no longer needs schedules.
   */
  recordSchedules(inv: Pick<Invitation, 'orgId' | 'invitationId'>, state: ScheduleRecord): Promise<'recorded' | 'stale'>;
  /** AP14: the invitations whose schedules failed, for the retry job. */
  listScheduleRetries(limit: number): Promise<{ orgId: string; invitationId: string }[]>;
  /** Sets remindedAt once, while pending and unexpired, with the `invitation.reminded` event. */
  markReminded(inv: Pick<Invitation, 'orgId' | 'invitationId'>, now: string, event: AuditEvent): Promise<'done' | 'skipped'>;
  /**
   * TTL purged an invitation that nothing had closed: writes its `invitation.expired` event (a
   * deterministic key, so a retried record writes it once), releases the counter and the email claim.
   */
  closePurged(inv: Pick<Invitation, 'orgId' | 'invitationId' | 'email'>, event: AuditEvent): Promise<'done' | 'already'>;
  /** AP4 across orgs: pending, unexpired invitations to an email, each with its org and the caller's membership. */
  listPendingToEmail(email: string, callerUserId: string, now: string, page: ListOptions): Promise<Page<LoadedInvitation>>;
  /** AP4: one invitation to this email by id (never one addressed to someone else). */
  findToEmail(email: string, invitationId: string, callerUserId: string): Promise<LoadedInvitation | null>;
  /**
   * Sets renewalRequestedAt once on an expired invitation, counts it against the org's hourly
   * allowance, and writes the audit event, in one transaction.
   */
  requestRenewal(w: RenewalWrite): Promise<'done' | 'already_requested' | 'not_expired' | 'rate_limited'>;
  resend(input: ResendWrite): Promise<'done' | 'not_pending' | 'changed'>;
}

export interface RenewalWrite {
  invitation: Pick<Invitation, 'orgId' | 'invitationId'>;
  now: string;
  /** The hour the request is counted in, and the most the org accepts in one hour. */
  window: string;
  maxPerWindow: number;
  event: AuditEvent;
}

export interface LoadedInvitation {
  invitation: Invitation;
  org: Org | null;
  member: Member | null;
  /** Set when the org was deleted (`org` is then null): its links answer as revoked until the cleanup removes them. */
  deletedOrg?: DeletedOrg;
}

export interface AcceptWrite {
  invitation: Invitation;
  org: Org;
  member: Member;
  /** true when the caller was already an active member: the invitation is closed, nothing is added */
  alreadyMember: boolean;
  memberLimit: number | null;
  now: string;
  events: AuditEvent[];
  /** The new member becomes the org's primary contact; the write requires the org to have none. */
  becomesPrimaryContact?: boolean;
}

export interface TransitionWrite {
  invitation: Pick<Invitation, 'orgId' | 'invitationId' | 'email'>;
  to: 'revoked' | 'declined' | 'expired';
  by?: string;
  now: string;
  /** Expiry is the one transition that requires the invitation to have expired already. */
  event: AuditEvent;
}

export interface ResendWrite {
  invitation: Invitation;
  /** The admin confirmed emailing an address that bounced or complained: its suppression (AP19) goes. */
  liftSuppression?: boolean;
  next: Pick<Invitation, 'linkNonce' | 'tokenHash' | 'lastSentAt' | 'sendCount' | 'resendWindowStart' | 'resendsInWindow'>;
  now: string;
  event: AuditEvent;
}
