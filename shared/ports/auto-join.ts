import type { AuditEvent, Member, Org, Page } from '../domain/model.ts';
import type { ListOptions } from './paging.ts';

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
