import type { JoinLink } from '../domain/join-links/join-link.ts';
import type { JoinRequest, JoinRequestStatus } from '../domain/join-links/join-request.ts';
import type { AuditEvent, DeletedOrg, Member, Org, Page } from '../domain/model.ts';
import type { ListOptions } from './paging.ts';

/** A link token: `<orgId>.<linkId>.<secret>`. The ids let one read find the link; the secret is random. */
export interface JoinLinkTokens {
  /** A new token and the hash to store; the token is answered once and never kept. */
  issue(orgId: string, linkId: string): { token: string; hash: string };
  /** The link a token names; null for a string that cannot be a join link token. */
  parse(token: string): { orgId: string; linkId: string } | null;
  /** Whether `token` is the one whose hash was stored (compared in constant time). */
  matches(token: string, storedHash: string): boolean;
}

/** The org (live or deleted), a link and the caller's membership and request, in one read. */
export interface LoadedJoinLink {
  org: Org | null;
  deletedOrg?: DeletedOrg;
  link: JoinLink | null;
  member: Member | null;
}

/** What a write that admits someone re-checks on the items themselves (no read-then-write). */
export interface AdmitChecks {
  org: Org;
  member: Member;
  /** The new member's email domain, checked against the org's allowed domains as stored. */
  domain: string;
  memberLimit: number | null;
  now: string;
}

export type AcceptOutcome =
  | 'joined'
  | 'requested'
  | 'link_dead'
  | 'org_gone'
  | 'already_member'
  | 'already_invited'
  | 'member_limit_reached'
  | 'domain_not_allowed'
  | 'request_pending';

export type ApproveOutcome =
  | 'approved'
  | 'not_pending'
  | 'link_revoked'
  | 'org_gone'
  | 'already_member'
  | 'already_invited'
  | 'member_limit_reached'
  | 'domain_not_allowed'
  | 'not_admin';

export interface JoinLinkStore {
  /** The link, under the conditions that the org is live and the admin still an active admin. */
  create(link: JoinLink, event: AuditEvent): Promise<'created' | 'org_gone' | 'not_admin'>;
  list(orgId: string, page: ListOptions): Promise<Page<JoinLink>>;
  load(orgId: string, linkId: string, userId: string): Promise<LoadedJoinLink>;
  /** Sets revokedAt if not set; 'already' for a link revoked before, 'not_found' for none. */
  revoke(w: { orgId: string; linkId: string; adminUserId: string; now: string; event: AuditEvent }): Promise<'revoked' | 'already' | 'not_found' | 'not_admin'>;
  /**
   * One transaction: the link's use (live, unexpired, below maxUses, this hash), the org's counter
   * (live, below the member limit, the domain admitted), the member, its email claim and the audit.
   */
  accept(w: AdmitChecks & { link: JoinLink; events: AuditEvent[] }): Promise<AcceptOutcome>;
  /** One transaction: the link's use and the pending request (none pending already), on a live org. */
  request(w: { link: JoinLink; request: JoinRequest; now: string; event: AuditEvent }): Promise<AcceptOutcome>;
  /** One status (pending by default). */
  listRequests(orgId: string, page: ListOptions & { status?: JoinRequestStatus }): Promise<Page<JoinRequest>>;
  /** The org, the acting admin's membership, the request and the requester's membership, in one read. */
  loadRequest(
    orgId: string,
    userId: string,
    adminUserId: string,
  ): Promise<{ org: Org | null; admin: Member | null; request: JoinRequest | null; member: Member | null }>;
  /** The request pending -> approved, its link not revoked, and the membership written as accept does. */
  approve(w: AdmitChecks & { request: JoinRequest; adminUserId: string; events: AuditEvent[] }): Promise<ApproveOutcome>;
  deny(w: { request: JoinRequest; adminUserId: string; now: string; event: AuditEvent }): Promise<'denied' | 'not_pending' | 'not_admin'>;
}
