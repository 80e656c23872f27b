import { itemTypes, keys, toEpochSeconds } from '../../db/table.ts';
import type { JoinLink } from '../../domain/join-links/join-link.ts';
import type { JoinRequest } from '../../domain/join-links/join-request.ts';
import type { AuditEvent, DeletedOrg, Invitation, Member, Org, Team } from '../../domain/model.ts';

/** Item <-> domain translation. Keys come from db/table.ts; the rest of an item is the domain object. */
type Item = Record<string, unknown>;

const KEY_ATTRS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity', 'ttl'];
function strip<T>(item: Item): T {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!KEY_ATTRS.includes(k)) out[k] = v;
  return out as T;
}

const DAY_S = 86_400;

export const orgItem = (org: Org) => ({ ...keys.org(org.orgId), entity: itemTypes.org, ...org });
export const fromOrgItem = (item: Item) => strip<Org>(item);
/** A live org: a deleted org's tombstone keeps the key but not the entity, so no reader takes it for an org. */
export const isOrgItem = (item: Item | undefined): item is Item => item?.entity === itemTypes.org;
export const fromDeletedOrgItem = (item: Item): DeletedOrg => ({
  orgId: String(item.orgId),
  name: String(item.name),
  deletedAt: String(item.deletedAt),
  cleanupPending: item.GSI1PK !== undefined,
});

export const memberItem = (m: Member) => ({ ...keys.member(m.orgId, m.userId), entity: itemTypes.member, ...m });
export const fromMemberItem = (item: Item) => strip<Member>(item);

/**
 * The claim of a member on their email in the org. It carries the status so that an invite can
 * answer "suspended" from the cancelled transaction without another read.
 */
export const memberClaimItem = (m: Member) => ({
  ...keys.emailClaim(m.orgId, m.email),
  entity: itemTypes.emailClaim,
  email: m.email,
  userId: m.userId,
  status: m.status,
});

export const teamItem = (t: Team) => ({ ...keys.team(t.orgId, t.teamId), entity: itemTypes.team, ...t });
export const fromTeamItem = (item: Item) => {
  const { deleting: _, ...team } = strip<Team & { deleting?: boolean }>(item);
  return team as Team;
};

/** One item per (team, member): lists a team's members; the member item's `teams` mirrors it. */
export const teamMemberItem = (orgId: string, teamId: string, userId: string, at: string) => ({
  ...keys.teamMember(orgId, teamId, userId),
  entity: itemTypes.teamMember,
  orgId,
  teamId,
  userId,
  addedAt: at,
});

/** A user the service knows by verified email (AP11), for directAddExistingUsers. Latest sign-in wins. */
export const userEmailItem = (u: { userId: string; email: string; name: string }) => ({
  ...keys.userEmail(u.email),
  entity: itemTypes.userEmail,
  userId: u.userId,
  email: u.email,
  name: u.name,
});

export const invitationItem = (inv: Invitation, retentionDays: number) => ({
  ...keys.invitation(inv.orgId, inv.invitationId, inv.email),
  entity: itemTypes.invitation,
  ...inv,
  // TTL only purges, long after expiry, so expired invitations stay listable for the retention window.
  ttl: toEpochSeconds(inv.expiresAt) + retentionDays * DAY_S,
});
export const fromInvitationItem = (item: Item) => strip<Invitation>(item);

/**
 * The claim of a pending invitation on its email: it exists exactly while that invitation is pending,
 * and its index keys list it among the org's pending invitations by deadline.
 */
export const pendingClaimItem = (inv: Invitation, retentionDays: number, requestKey?: string) => ({
  ...keys.emailClaim(inv.orgId, inv.email),
  ...keys.pendingClaim(inv.orgId, inv.expiresAt),
  entity: itemTypes.emailClaim,
  invitationId: inv.invitationId,
  // which request wrote it: a retry of that request knows the claim for its own
  ...(requestKey ? { requestKey } : {}),
  email: inv.email,
  expiresAt: inv.expiresAt,
  ttl: toEpochSeconds(inv.expiresAt) + retentionDays * DAY_S,
});

export const auditItem = (e: AuditEvent, retentionDays: number) => ({
  ...keys.audit(e.orgId, e.at, e.eventId),
  entity: itemTypes.audit,
  ...e,
  ttl: toEpochSeconds(e.at) + retentionDays * DAY_S,
});

type BatchedEvent = Pick<AuditEvent, 'eventId' | 'target' | 'details'>;

/**
 * At most this many events share an audit item. A Query's Limit counts items, so a page of the
 * trail reads up to this many times the events it returns; 10 bounds that, and still takes a bulk
 * invite from 3 items per invitation to 2.1.
 */
export const AUDIT_EVENTS_PER_ITEM = 10;

/**
 * An audit item for events of one invite transaction. They share org, type, actor and time, so up
 * to AUDIT_EVENTS_PER_ITEM of them are kept as one item that lists them: a bulk invite then writes
 * ~2 items per invitation instead of 3, a third less work for DynamoDB and its bill. Readers expand
 * it with `auditEventsOf`.
 */
export const auditItemOf = (events: AuditEvent[], retentionDays: number) => {
  const [first, ...rest] = events;
  if (!first || events.length > AUDIT_EVENTS_PER_ITEM) throw new Error(`an audit item holds 1 to ${AUDIT_EVENTS_PER_ITEM} events`);
  if (rest.length === 0) return auditItem(first, retentionDays);
  const sharedOf = (e: AuditEvent) => JSON.stringify([e.orgId, e.type, e.at, e.actor]);
  // what the item keeps once would be lost for an event that differed
  if (rest.some((e) => sharedOf(e) !== sharedOf(first))) throw new Error('events sharing an audit item must share org, type, time and actor');
  const { target: _t, details: _d, ...item } = auditItem(first, retentionDays);
  return {
    ...item,
    events: events.map(({ eventId, target, details }): BatchedEvent => ({ eventId, target, details })),
  };
};

/** The events an audit item holds, in the order they were written: one, or the list of a batch. */
export const auditEventsOf = (item: Item): AuditEvent[] => {
  const { events, ...shared } = strip<AuditEvent & { events?: BatchedEvent[] }>(item);
  if (!events) return [shared as AuditEvent];
  return events.map((e) => ({ ...shared, eventId: e.eventId, target: e.target, details: e.details }));
};

/** The index item that lets GET /me/joinable-organizations find an org by domain without a Scan. */
export const autoJoinItem = (domain: string, orgId: string) => ({
  ...keys.autoJoin(domain, orgId),
  entity: itemTypes.autoJoin,
  domain,
  orgId,
});

export const joinLinkItem = (l: JoinLink) => ({ ...keys.joinLink(l.orgId, l.linkId), entity: itemTypes.joinLink, ...l });
export const fromJoinLinkItem = (item: Item) => strip<JoinLink>(item);
export const joinRequestItem = (r: JoinRequest) => ({ ...keys.joinRequest(r.orgId, r.userId), entity: itemTypes.joinRequest, ...r });
export const fromJoinRequestItem = (item: Item) => strip<JoinRequest>(item);
