import type { AuditEvent, Invitation, Member, MemberListStatus, Org, Page, Role, Team } from '../domain/model.ts';
import type { ListOptions } from './paging.ts';

export interface OrgScope {
  org: Org | null;
  caller: Member | null;
  member: Member | null;
  team: Team | null;
}

export type MemberFilter = {
  roles?: Role[];
  teamId?: string;
  /** Members with access to this product key. */
  product?: string;
  /** Words that must all appear in the member's name or email (shared/domain/members/search.ts). */
  search?: string;
} & (
  | { statuses?: never; at?: never }
  /** `ended` and `active` are judged at `at`, the use case's now (shared/domain/members/search.ts matchesStatus). */
  | { statuses: MemberListStatus[]; at: Date }
);

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

/** The reminder job's one write (a store of its own, so the dispatcher's bundle does not carry it). */
export interface AccessReminderStore {
  /**
   * Records that the reminder of this end of access was made (`accessRemindedFor`), with its audit
   * event, only while the member still has that end and was not reminded of it: false otherwise.
   */
  markReminded(m: Member, accessUntil: string, event: AuditEvent): Promise<boolean>;
}

/** A member's end of access whose schedules the Scheduler refused (AP23): one per membership and end. */
export interface AccessScheduleRetry {
  orgId: string;
  userId: string;
  accessUntil: string;
}

/**
 * The retry markers of members' end-of-access schedules, like the invitations' (AP16): the dispatcher
 * records a refusal and clears the marker once the schedules exist; the periodic job walks them.
 */
export interface AccessScheduleRetryStore {
  /** The dispatcher: the Scheduler refused this end's schedules (a repeat counts another attempt). */
  recordFailure(r: AccessScheduleRetry, failure: { at: string; detail: string }): Promise<void>;
  /** The schedules exist now, or are not needed any more. */
  clear(r: AccessScheduleRetry): Promise<void>;
  /** The periodic job: the oldest markers, up to `limit`. */
  list(limit: number): Promise<(AccessScheduleRetry & { attempts: number })[]>;
  /**
   * The periodic job: writes `accessSchedulesRetryAt` on the membership, whose stream record makes the
   * dispatcher create the schedules again; 'moved_on' when the member no longer has that end.
   */
  requestRetry(r: AccessScheduleRetry, at: string): Promise<'requested' | 'moved_on'>;
}
