import type { QuotaCounter, QuotaRequest, QuotaWindow } from './domain/limits/quotas.ts';
import type {
  AuditEvent, Delivery, DeliveryStatus, Invitation, Member, MemberStatus, Org, OrgSending, OrgSettings, Page, Role, Tally, Team,
} from './domain/model.ts';
import type { PlanCatalogue } from './domain/orgs/plans.ts';

/** Time comes from here so tests and the local stack can move it. */
export interface Clock {
  now(): Date;
}

export interface Ids {
  orgId(): string;
  invitationId(): string;
  eventId(): string;
  teamId(): string;
  /** Unpredictable bytes for link tokens (base64url). */
  nonce(): string;
  /** What an erased user's personal data becomes: `erased-` and 96 random bits, derived from nothing. */
  pseudonym(): string;
}

/**
 * Link tokens name their invitation and carry a secret derived from the send's nonce, so no token is
 * ever stored (only its SHA-256 is) and a link is resolved with the one read that also loads the org.
 */
export interface LinkTokens {
  tokenFor(send: Pick<Invitation, 'orgId' | 'invitationId' | 'linkNonce'>): string;
  hash(token: string): string;
  /** The invitation a token names; null for a string that cannot be a link token. */
  parse(token: string): { orgId: string; invitationId: string } | null;
  /** Whether `token` is the one whose SHA-256 was stored (compared in constant time). */
  matches(token: string, storedHash: string): boolean;
  /**
   * The one-click leave link of a membership a person did not ask for (a direct add): signed over
   * the org, the user and the membership's `joinedAt`, so it opens that membership only, and a later
   * membership (re-added: a new joinedAt) is not left by an old email's link. Nothing is stored.
   */
  leaveTokenFor(m: Pick<Member, 'orgId' | 'userId' | 'joinedAt'>): string;
  /** The membership a leave token names; null for a string that cannot be one. */
  parseLeave(token: string): { orgId: string; userId: string } | null;
  /** Whether `token` is this membership's leave token (compared in constant time). */
  leaveMatches(token: string, m: Pick<Member, 'orgId' | 'userId' | 'joinedAt'>): boolean;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** SES message tags (e.g. orgId, invitationId): bounce and complaint events carry them back. */
  tags?: Record<string, string>;
}

export interface Mailer {
  /**
   * Sends one email. A failure carries `notSent: true` when the service answered with a refusal
   * (rejected, throttled): the email certainly did not go out. Any other failure (a dropped
   * connection, a timeout) leaves it unknown whether it went out.
   */
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

/**
 * The claims that make each email send effectively once: a send (its id names what is sent and to
 * whom, e.g. the invitation's n-th send) is claimed before the mailer is called and marked after.
 */
export interface SendLedger {
  /**
   * 'claimed': this caller may send now. 'sent': it went out already. 'in_flight': another attempt
   * claimed it less than `leaseMs` ago and has not marked it (it may be sending, or it died:
   * wait until it is marked or the lease runs out, then claim again).
   */
  claim(sendId: string, now: Date, leaseMs: number): Promise<{ outcome: 'claimed' | 'sent' | 'in_flight'; claimedAt?: string }>;
  /** The mailer accepted it (called by the sender, and by the SES Send event if the sender died first). */
  markSent(sendId: string, now: Date, messageId: string): Promise<void>;
  /** The mailer refused it (certainly not sent): the next attempt may claim it at once. */
  release(sendId: string): Promise<void>;
  /**
   * A send that was never attempted and never will be (a newer send replaced it first), with the
   * audit event that says so, once: false if the send was claimed (sent or being sent) before.
   */
  supersede(sendId: string, now: Date, event: AuditEvent): Promise<boolean>;
}

/** What a one-time schedule asks the reminder function to do when it fires. */
export interface ScheduledJob {
  kind: 'reminder' | 'expiry';
  orgId: string;
  invitationId: string;
}

/** One-time schedules (EventBridge Scheduler in AWS; table items fired on the local clock locally). */
export interface Scheduler {
  /** Idempotent by name: creating a schedule whose name exists keeps the existing one. */
  scheduleOnce(s: { name: string; at: Date; job: ScheduledJob }): Promise<void>;
  /** A missing schedule (never created, already fired) is not an error. */
  cancel(name: string): Promise<void>;
}

export interface ListOptions {
  limit: number;
  cursor?: string;
}

export type InviteOutcome =
  | 'invited'
  | 'already_invited'
  | 'already_member'
  | 'member_suspended'
  | 'pending_limit_reached'
  /** the email is claimed by an invitation that has expired but was not closed yet */
  | 'expired_claim'
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

export interface OrgStore {
  /** `knownUser`: the creator's verified email, remembered for directAddExistingUsers (AP11). */
  create(org: Org, creator: Member, event: AuditEvent, knownUser?: KnownUser): Promise<void>;
  /** The org and the caller's membership in one round trip (BatchGetItem). */
  getWithMember(orgId: string, userId: string): Promise<{ org: Org | null; member: Member | null }>;
  updateSettings(
    orgId: string,
    change: {
      name?: string;
      settings: OrgSettings;
      expectedVersion: number;
      /** AUTOJOIN#domain index items to write and delete in the same transaction (see AutoJoinStore). */
      autoJoinIndex?: { add: string[]; remove: string[] };
    },
    event: AuditEvent,
  ): Promise<Org>;
  /** At `now`: claims of pending invitations that have not yet expired (an index read: eventually consistent). */
  countPending(orgId: string, now: string): Promise<number>;
  /** Operator only (scripts/set-plan.ts): the org's plan, if the org exists and its plan is still `from`. */
  setPlan(orgId: string, change: { from: string; to: string }, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'>;
}

export interface EmailClaim {
  holder: 'already_invited' | 'already_member' | 'member_suspended';
  /** The pending invitation's expiry (a claim past it no longer blocks a new invitation). */
  expiresAt?: string;
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
    org: Org, items: NewInvitation[], now: string, pendingLimit: number | null, request: { key: string; resume: boolean },
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
  list(
    orgId: string,
    filter: { statuses?: string[]; email?: string; delivery?: DeliveryStatus[] },
    now: string,
    page: ListOptions,
  ): Promise<Page<Invitation>>;
  /**
   * pending -> accepted with the new membership, its teams, counters and audit, under one transaction.
   * 'inviter_not_admin': the inviter is no longer an active admin, so the invitation carries no authority.
   */
  accept(input: AcceptWrite): Promise<'accepted' | 'not_pending' | 'member_limit_reached' | 'inviter_not_admin'>;
  /** Pending, unexpired invitations an org member sent (revoked when they lose the admin role). */
  listPendingSentBy(orgId: string, userId: string, now: string): Promise<Invitation[]>;
  transition(input: TransitionWrite): Promise<'done' | 'not_pending'>;
  /**
   * Records how a send went, unless a newer send (higher sendCount) has happened since, or the
   * current status is not one of `onlyFrom`. With `event`, the audit event is written with it.
   */
  recordDelivery(
    inv: Pick<Invitation, 'orgId' | 'invitationId' | 'sendCount'>,
    delivery: Delivery,
    /**
     * countSent: this record is the send's email going out (adds one to `emailsSent`, once, as the status moves on).
     * notAlready: refused when the status already is this one (a repeated bounce event is recorded once).
     * tally: adds one to the org's reputation counter of that day, in the same transaction.
     * suppress: the address is not emailed again by the org (AP19), in the same transaction.
     */
    opts?: {
      onlyFrom?: DeliveryStatus[]; notAlready?: boolean; event?: AuditEvent; countSent?: boolean;
      tally?: { field: keyof Tally; day: string }; suppress?: { email: string; reason: 'address_bounced' | 'address_complained' };
    },
  ): Promise<'recorded' | 'stale'>;
  /**
   * Records that the invitation's schedules could not be created (`failed`, with a marker the
   * periodic retry job finds) or now exist (`scheduled`, marker removed). `retry` only touches a
   * failed record so the dispatcher sees the change and tries again; `dropped` removes the marker of
   * an invitation that no longer needs schedules.
   */
  recordSchedules(
    inv: Pick<Invitation, 'orgId' | 'invitationId'>,
    state: { status: 'failed'; at: string; attempts: number; detail: string } | { status: 'scheduled'; at: string } | { status: 'retry'; at: string } | { status: 'dropped' },
  ): Promise<'recorded' | 'stale'>;
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

export interface OrgScope {
  org: Org | null;
  caller: Member | null;
  member: Member | null;
  team: Team | null;
}

export interface MemberFilter {
  statuses?: MemberStatus[];
  roles?: Role[];
  teamId?: string;
  /** Members with access to this product key. */
  product?: string;
  /** Words that must all appear in the member's name or email (shared/domain/members/search.ts). */
  search?: string;
}

/** A pending invitation revoked because its inviter lost the authority to send it. */
export interface Revocation {
  invitation: Pick<Invitation, 'orgId' | 'invitationId' | 'email'>;
  revokedBy: string;
  event: AuditEvent;
}

/**
 * One change to a membership, with its counters, audit event and the revocations it causes, in one
 * transaction. `before` is the member as read: the write is refused ('stale') if its role, status or
 * teams changed since, so the counters can never disagree with the rows.
 */
export interface MemberWrite {
  before: Member;
  /** null removes the membership, its team memberships and its email claim. */
  after: Member | null;
  /** An admin acting on someone else: they must still be an active admin when the write lands. */
  actorAdminId?: string;
  /** One PATCH can change role and status together: one event each. */
  events: AuditEvent[];
  revocations: Revocation[];
  now: string;
  /**
   * When the change makes an active member inactive: 'clear' removes them as the org's primary
   * contact (the write requires they still are); 'not_this_member' requires they are not (see
   * primaryContactAfter in domain/members/write-member-change.ts).
   */
  primaryContact?: 'clear' | 'not_this_member';
}

export interface MemberWriteResult {
  outcome: 'done' | 'last_admin' | 'stale';
  /** Revocations that did not fit in the transaction; the caller completes them right after. */
  deferred: Revocation[];
}

export interface DirectAddWrite {
  org: Org;
  member: Member;
  actorAdminId: string;
  memberLimit: number | null;
  event: AuditEvent;
}

export type DirectAddOutcome = 'added' | 'already_member' | 'member_suspended' | 'already_invited' | 'member_limit_reached' | 'stale';

export interface KnownUser {
  userId: string;
  email: string;
  name: string;
}

export interface MemberStore {
  listForUser(userId: string): Promise<Member[]>;
  /** Every membership of a user with its org (GSI1, then the org items). */
  listOrgsOfUser(userId: string): Promise<{ member: Member; org: Org }[]>;
  get(orgId: string, userId: string): Promise<Member | null>;
  /**
   * What an admin action needs, in one BatchGetItem: the org, the caller's membership, and the
   * member and/or team it acts on. A team being deleted reads as absent.
   */
  loadScope(orgId: string, callerId: string, of: { memberId?: string; teamId?: string }): Promise<OrgScope>;
  list(orgId: string, filter: MemberFilter, page: ListOptions): Promise<Page<Member>>;
  write(w: MemberWrite): Promise<MemberWriteResult>;
  /** Users the service knows by verified email (they accepted an invitation or created an org). */
  knownUsers(emails: string[]): Promise<Map<string, KnownUser>>;
  addDirect(w: DirectAddWrite): Promise<DirectAddOutcome>;
}

export interface TeamMemberWrite {
  team: Team;
  member: Member;
  actorAdminId: string;
  event: AuditEvent;
  now: string;
}

export interface TeamStore {
  create(team: Team, actorAdminId: string, event: AuditEvent): Promise<'done' | 'stale'>;
  get(orgId: string, teamId: string): Promise<Team | null>;
  /** The teams among `teamIds` that exist (and are not being deleted). */
  existing(orgId: string, teamIds: string[]): Promise<Team[]>;
  list(orgId: string, page: ListOptions): Promise<Page<Team>>;
  rename(team: Team, name: string, actorAdminId: string, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'>;
  /** `maxTeams`: a member in that many teams already is refused ('team_limit'), also under concurrent adds. */
  addMember(w: TeamMemberWrite & { maxTeams: number }): Promise<'done' | 'already' | 'team_not_found' | 'member_not_found' | 'team_limit' | 'stale'>;
  removeMember(w: TeamMemberWrite): Promise<'done' | 'not_in_team' | 'stale'>;
  /** Removes the team's memberships (in as many transactions as it takes), then the team with its audit event. */
  delete(team: Team, actorAdminId: string, event: AuditEvent): Promise<'done' | 'not_found' | 'stale'>;
}

export interface AuditFilter {
  /** Exact types, or `prefix.*` for every type under a prefix. */
  types?: string[];
  /** A userId, or `system` for events written by workers. */
  actor?: string;
  /** Inclusive lower and exclusive upper bound on `at` (ISO-8601). */
  since?: string;
  until?: string;
}

export interface AuditStore {
  list(orgId: string, filter: AuditFilter, page: ListOptions): Promise<Page<AuditEvent>>;
}

export interface JoinWrite {
  org: Org;
  member: Member;
  /** The caller's email domain; the write re-checks it against the org's settings as stored. */
  domain: string;
  memberLimit: number | null;
  event: AuditEvent;
}

export type JoinOutcome = 'joined' | 'already_member' | 'already_invited' | 'member_limit_reached' | 'policy_changed';

export interface AutoJoinStore {
  /** Adds the member under conditions on the org item (auto-join on, domain listed, below the member limit). */
  join(w: JoinWrite): Promise<JoinOutcome>;
  /** Orgs whose auto-join index names the domain, with the caller's membership. Callers re-check settings. */
  listForDomain(domain: string, caller: { userId: string; email: string }, page: ListOptions): Promise<Page<JoinableOrg>>;
}

/** An org a domain may auto-join, as the caller stands in it: a member, invited (pending), or neither. */
export interface JoinableOrg {
  org: Org;
  member: Member | null;
  invitationPending: boolean;
}

export interface OrgCounters {
  memberCount: number;
  adminCount: number;
  pendingCount: number;
}

/** For the counter check (scripts/recount.ts): stored counters against the items they count. */
export interface CounterStore {
  /** The stored counters and the same numbers counted from the org's items (AP1); null when there is no org. */
  tally(orgId: string, now: string): Promise<{ stored: OrgCounters; counted: OrgCounters; expiredNotClosed: number; openReservations: number } | null>;
  /** Settles bulk-invite reservations past their deadline (a crashed invite), giving their unused places back; returns how many places. */
  releaseStaleReservations(orgId: string, now: string): Promise<number>;
  /** Sets the counters to `to` only while they still equal `from`, so a concurrent change is never overwritten. */
  repair(orgId: string, from: OrgCounters, to: OrgCounters): Promise<'repaired' | 'changed'>;
  /** Every org id: a Scan, for the maintenance script only, never on a request path. */
  allOrgIds(): Promise<string[]>;
}

export interface StoredResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
}

export type IdempotencyRecord =
  | { state: 'in_progress'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; response: StoredResponse };

export interface IdempotencyStore {
  /**
   * Claims the key with a conditional Put: it succeeds (null) when the key is new, its record has
   * expired, or an in-progress claim of the same request was abandoned (lock passed). Otherwise it
   * answers the record that holds the key.
   */
  claim(c: { callerId: string; key: string; fingerprint: string; now: string; lockedUntil: string; expiresAt: string }):
    Promise<IdempotencyRecord | null>;
  complete(callerId: string, key: string, response: StoredResponse): Promise<void>;
  release(callerId: string, key: string): Promise<void>;
}

/** Stable, irreversible stand-ins for erased users' personal data. */
export interface PrimaryContactWrite {
  orgId: string;
  /** The primary contact as read (null: none); the write is refused ('stale') if it moved since. */
  from: string | null;
  to: string;
  actorAdminId: string;
  event: AuditEvent;
}

export interface PrimaryContactStore {
  /** Moves the org's primary contact to an active member: 'not_active' when `to` is not one (as the write lands). */
  move(w: PrimaryContactWrite): Promise<'done' | 'not_active' | 'stale'>;
}

/** What erasing a user touches, remembered before anything is removed, so a retry finds it again. */
export interface ErasurePlan {
  userId: string;
  emails: string[];
  /** Names the user went by (their claims, their memberships): replaced where they appear next to them. */
  names: string[];
  /** Orgs whose audit trail may mention the user: where they were a member or were invited. */
  orgIds: string[];
  /**
   * What their personal data becomes. Chosen at random by the first attempt and kept by the record,
   * so every attempt and every org gets the same one; it is deleted with the record, after which
   * nothing links it to the user (no key could recompute it).
   */
  pseudonym: string;
}

export interface ErasureStore {
  /** Adds to the user's erasure record (creating it): a retry after a half-done erasure sees what the first attempt saw. */
  remember(plan: ErasurePlan): Promise<ErasurePlan>;
  /** Invitations to an email in every org and status (AP4). */
  invitationsTo(email: string): Promise<Invitation[]>;
  /**
   * Rewrites what one org keeps about the user: its audit events (Query AUDIT#orgId + filter) and its
   * closed invitations to them or sent by them. Every value equal to a key of `replace` becomes its
   * value (the pseudonym). Idempotent: a rewritten item no longer matches. Returns how many items changed.
   */
  pseudonymizeOrg(orgId: string, who: { userId: string; emails: string[] }, replace: Record<string, string>): Promise<number>;
  /** Deletes what is keyed by the user or their email: USEREMAIL (if it is theirs), profile, then the erasure record. */
  forget(plan: ErasurePlan): Promise<void>;
}

/** The sender reputation guard's items (shared/domain/orgs/sending-guard.ts). */
export interface ReputationStore {
  /** The org and the daily tallies of the days from..to (ISO dates), by day. */
  read(orgId: string, days: { from: string; to: string }): Promise<{ org: Org | null; days: Record<string, Tally> }>;
  /** Pauses the org's sending unless it is paused already, with its audit event. */
  pause(orgId: string, sending: OrgSending, event: AuditEvent): Promise<'paused' | 'already'>;
  /** Resumes the pause that began at `pausedSince` (not a later one), with its audit event. */
  resume(orgId: string, pausedSince: string, sending: OrgSending, event: AuditEvent): Promise<'resumed' | 'not_paused'>;
  /** Queues again the org's pending invitations held because its sending was paused; how many. */
  requeueHeld(orgId: string, now: string): Promise<number>;
  /** Why the org does not email this address (it hard-bounced or complained), or null. */
  suppression(orgId: string, email: string): Promise<{ reason: 'address_bounced' | 'address_complained'; at: string } | null>;
}

export interface Deps {
  clock: Clock;
  ids: Ids;
  links: LinkTokens;
  orgs: OrgStore;
  invitations: InvitationStore;
  members: MemberStore;
  teams: TeamStore;
  audit: AuditStore;
  autoJoin: AutoJoinStore;
  idempotency: IdempotencyStore;
  primaryContacts: PrimaryContactStore;
  erasure: ErasureStore;
  acceptUrlBase: string;
  /** The operator's plan catalogue (configuration). */
  plans: PlanCatalogue;
  quotas: QuotaStore;
}

/** Daily send quotas (shared/domain/limits/quotas.ts), one counter item per owner, quota and day. */
export interface QuotaStore {
  /** Adds `n` to every counter if each stays within its limit: all or none. Null, or the first refused and its count. */
  reserve(requests: QuotaRequest[], n: number, window: QuotaWindow, now: Date): Promise<{ refused: QuotaRequest; used: number } | null>;
  /** Gives back `n` places a reservation did not use. */
  release(requests: QuotaRequest[], n: number, window: QuotaWindow): Promise<void>;
  /** How much of each counter the window has used (0 for a counter never raised), in the order asked: a read, never a reservation. */
  used(counters: QuotaCounter[], window: QuotaWindow): Promise<number[]>;
}
