import { itemTypes, keys } from '../../db/table.ts';
import type { JoinLink } from '../../domain/join-links/join-link.ts';
import type { JoinRequest, JoinRequestStatus } from '../../domain/join-links/join-request.ts';
import type { AuditEvent, Page } from '../../domain/model.ts';
import type { AcceptOutcome, AdmitChecks, ApproveOutcome, JoinLinkStore, ListOptions, LoadedJoinLink } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import { claimRefusal } from './claims.ts';
import type { Table } from './client.ts';
import { conditions } from './conditions.ts';
import type { Cursors } from './cursors.ts';
import {
  fromDeletedOrgItem,
  fromJoinLinkItem,
  fromJoinRequestItem,
  fromMemberItem,
  fromOrgItem,
  isOrgItem,
  joinLinkItem,
  joinRequestItem,
  memberClaimItem,
  memberItem,
} from './items.ts';
import { queryPage } from './paging.ts';
import { type Cancellation, Transaction, type TxItem } from './transactions.ts';
import { actorStillAdmin, auditPut, knownUserPut, pick } from './tx-items.ts';

/**
 * Join links and join requests (AP21, AP22). Every rule that decides whether someone gets in is a
 * condition of the one transaction that lets them in: the link's uses counter, the org's member
 * counter and allowed domains, the email claim. Nothing is read and then written.
 */
export class DynamoJoinLinkStore implements JoinLinkStore {
  constructor(
    private readonly t: Table,
    private readonly cursors?: Cursors,
  ) {}

  async create(link: JoinLink, event: AuditEvent) {
    const cancelled = await new Transaction(this.t)
      .add('link', { Put: { TableName: this.t.name, Item: joinLinkItem(link), ...conditions.unclaimed } })
      .add('org', { ConditionCheck: { TableName: this.t.name, Key: keys.org(link.orgId), ...conditions.liveOrg } })
      .add('admin', actorStillAdmin(this.t.name, link.orgId, link.createdBy.userId, event.at))
      .add('audit', auditPut(this.t, event))
      .commit();
    if (!cancelled) return 'created' as const;
    if (cancelled.failed('org')) return 'org_gone' as const;
    if (cancelled.failed('admin')) return 'not_admin' as const;
    throw new Error(`join link creation refused by ${cancelled.failedNames.join(', ')}`);
  }

  // AP21: an org's join links, oldest first.
  async list(orgId: string, page: ListOptions): Promise<Page<JoinLink>> {
    const p = keys.joinLinkPrefix(orgId);
    const out = await this.page(`joinlinks:${orgId}`, p.PK, p.SKPrefix, page);
    return { items: out.items.map(fromJoinLinkItem), nextCursor: out.nextCursor };
  }

  // AP2-like: the link a token names, its org (a tombstone too) and the caller, in one BatchGetItem.
  async load(orgId: string, linkId: string, userId: string): Promise<LoadedJoinLink> {
    const items = await batchGetAll(this.t, [keys.org(orgId), keys.joinLink(orgId, linkId), pick(keys.member(orgId, userId))]);
    const org = items.find((i) => i.SK === 'ORG');
    const link = items.find((i) => i.entity === itemTypes.joinLink);
    const member = isOrgItem(org) ? items.find((i) => i.entity === itemTypes.member) : undefined;
    return {
      org: isOrgItem(org) ? fromOrgItem(org) : null,
      ...(org && !isOrgItem(org) ? { deletedOrg: fromDeletedOrgItem(org) } : {}),
      link: link ? fromJoinLinkItem(link) : null,
      member: member ? fromMemberItem(member) : null,
    };
  }

  async revoke(w: { orgId: string; linkId: string; adminUserId: string; now: string; event: AuditEvent }) {
    const cancelled = await new Transaction(this.t)
      .add('link', {
        Update: {
          TableName: this.t.name,
          Key: keys.joinLink(w.orgId, w.linkId),
          // dead at once: every accept and approval carries attribute_not_exists(revokedAt) on this item
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
          UpdateExpression: 'SET revokedAt = :now, revokedBy = :by',
          ExpressionAttributeValues: { ':now': w.now, ':by': w.adminUserId },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      })
      .add('admin', actorStillAdmin(this.t.name, w.orgId, w.adminUserId, w.now))
      .add('audit', auditPut(this.t, w.event))
      .commit();
    if (!cancelled) return 'revoked' as const;
    const link = cancelled.failed('link');
    if (link) return link.item ? ('already' as const) : ('not_found' as const);
    return 'not_admin' as const;
  }

  async accept(w: AdmitChecks & { link: JoinLink; events: AuditEvent[] }): Promise<AcceptOutcome> {
    const tx = new Transaction(this.t).add('link', this.use(w.link, w.now));
    this.admit(tx, w);
    w.events.forEach((e, i) => {
      tx.add(`audit:${i}`, auditPut(this.t, e));
    });
    const cancelled = await tx.commit();
    return cancelled ? admitRefusal(cancelled, w, 'link_dead') : 'joined';
  }

  async request(w: { link: JoinLink; request: JoinRequest; now: string; event: AuditEvent }): Promise<AcceptOutcome> {
    const cancelled = await new Transaction(this.t)
      .add('link', this.use(w.link, w.now))
      .add('org', {
        ConditionCheck: { TableName: this.t.name, Key: keys.org(w.link.orgId), ...conditions.liveOrg, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
      })
      // one pending request per person: asking again while it waits changes nothing
      .add('request', {
        Put: {
          TableName: this.t.name,
          Item: joinRequestItem(w.request),
          ConditionExpression: 'attribute_not_exists(PK) OR #status <> :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        },
      })
      .add('audit', auditPut(this.t, w.event))
      .commit();
    if (!cancelled) return 'requested';
    if (cancelled.failed('org')) return 'org_gone';
    if (cancelled.failed('link')) return 'link_dead';
    return 'request_pending';
  }

  // AP22: an org's join requests in one status (a filter on a short partition range).
  async listRequests(orgId: string, page: ListOptions & { status?: JoinRequestStatus }): Promise<Page<JoinRequest>> {
    const p = keys.joinRequestPrefix(orgId);
    const status = page.status ?? 'pending';
    const out = await this.page(`joinrequests:${orgId}:${status}`, p.PK, p.SKPrefix, page, status);
    return { items: out.items.map(fromJoinRequestItem), nextCursor: out.nextCursor };
  }

  async loadRequest(orgId: string, userId: string, adminUserId: string) {
    const wanted = [keys.org(orgId), keys.joinRequest(orgId, userId), pick(keys.member(orgId, adminUserId))];
    if (userId !== adminUserId) wanted.push(pick(keys.member(orgId, userId)));
    const items = await batchGetAll(this.t, wanted);
    const org = items.find((i) => i.SK === 'ORG');
    const live = isOrgItem(org);
    const memberOf = (id: string) => {
      const m = live ? items.find((i) => i.entity === itemTypes.member && i.userId === id) : undefined;
      return m ? fromMemberItem(m) : null;
    };
    const request = items.find((i) => i.entity === itemTypes.joinRequest);
    return {
      org: live ? fromOrgItem(org) : null,
      admin: memberOf(adminUserId),
      request: request ? fromJoinRequestItem(request) : null,
      member: memberOf(userId),
    };
  }

  async approve(w: AdmitChecks & { request: JoinRequest; adminUserId: string; events: AuditEvent[] }): Promise<ApproveOutcome> {
    const r = w.request;
    const tx = new Transaction(this.t)
      .add('request', { Update: this.decide(r, 'approved', w.adminUserId, w.now) })
      // approval racing a revoke: a revoked link's requests admit nobody, whichever write lands first
      .add('link', {
        ConditionCheck: {
          TableName: this.t.name,
          Key: keys.joinLink(r.orgId, r.linkId),
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
        },
      })
      .add('admin', actorStillAdmin(this.t.name, r.orgId, w.adminUserId, w.now));
    this.admit(tx, w);
    w.events.forEach((e, i) => {
      tx.add(`audit:${i}`, auditPut(this.t, e));
    });
    const cancelled = await tx.commit();
    if (!cancelled) return 'approved';
    if (cancelled.failed('request')) return 'not_pending';
    if (cancelled.failed('admin')) return 'not_admin';
    return admitRefusal(cancelled, w, 'link_revoked');
  }

  async deny(w: { request: JoinRequest; adminUserId: string; now: string; event: AuditEvent }) {
    const cancelled = await new Transaction(this.t)
      .add('request', { Update: this.decide(w.request, 'denied', w.adminUserId, w.now) })
      .add('admin', actorStillAdmin(this.t.name, w.request.orgId, w.adminUserId, w.now))
      .add('audit', auditPut(this.t, w.event))
      .commit();
    if (!cancelled) return 'denied' as const;
    return cancelled.failed('request') ? ('not_pending' as const) : ('not_admin' as const);
  }

  /**
   * One use of the link, counted by the write itself: under 50 concurrent accepts of a 10-use link,
   * exactly 10 transactions find `uses < maxUses` (DynamoDB serializes them on the item).
   */
  private use(link: JoinLink, now: string): TxItem {
    return {
      Update: {
        TableName: this.t.name,
        Key: keys.joinLink(link.orgId, link.linkId),
        ConditionExpression: 'tokenHash = :hash AND attribute_not_exists(revokedAt) AND expiresAt > :now AND (attribute_not_exists(maxUses) OR uses < maxUses)',
        UpdateExpression: 'ADD uses :one',
        ExpressionAttributeValues: { ':hash': link.tokenHash, ':now': now, ':one': 1 },
      },
    };
  }

  /** The membership, as an invitation's accept writes it: the org's counter and rules, the member, the claim. */
  private admit(tx: Transaction, w: AdmitChecks): void {
    const limit = w.memberLimit === null ? '' : ' AND memberCount < :limit';
    tx.add('org', {
      Update: {
        TableName: this.t.name,
        Key: keys.org(w.org.orgId),
        // the org's allowed domains as stored (an admin may narrow them while a link is out), the
        // member limit on the counter itself, and never into a deleted org
        ConditionExpression: `attribute_exists(PK) AND attribute_not_exists(deletedAt)${limit} AND (size(settings.allowedDomains) = :zero OR contains(settings.allowedDomains, :domain))`,
        UpdateExpression: 'ADD memberCount :one',
        ExpressionAttributeValues: {
          ':one': 1,
          ':zero': 0,
          ':domain': w.domain,
          ...(w.memberLimit === null ? {} : { ':limit': w.memberLimit }),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    });
    tx.add('member', { Put: { TableName: this.t.name, Item: memberItem(w.member), ...conditions.unclaimed } });
    // the email unclaimed: no other account with this address is in, and no invitation to it is pending
    tx.add('claim', {
      Put: { TableName: this.t.name, Item: memberClaimItem(w.member), ...conditions.unclaimed, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' },
    });
    tx.add('knownUser', knownUserPut(this.t.name, { userId: w.member.userId, email: w.member.email, name: w.member.name }));
  }

  private decide(r: JoinRequest, to: 'approved' | 'denied', by: string, now: string) {
    return {
      TableName: this.t.name,
      Key: keys.joinRequest(r.orgId, r.userId),
      // two admins deciding at once, or a decision racing a new request: one finds it pending
      ConditionExpression: '#status = :pending AND requestedAt = :requestedAt',
      UpdateExpression: 'SET #status = :to, decidedAt = :now, decidedBy = :by',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':requestedAt': r.requestedAt, ':to': to, ':now': now, ':by': by },
    };
  }

  private async page(scope: string, pk: string, prefix: string, page: ListOptions, status?: string) {
    return queryPage(this.t.doc, this.cursors, scope, page, {
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: { ':pk': pk, ':sk': prefix, ...(status ? { ':status': status } : {}) },
    });
  }
}

/** Why an admitting transaction was refused, read by item name, most decisive first. */
function admitRefusal<L extends 'link_dead' | 'link_revoked'>(cancelled: Cancellation, w: AdmitChecks, linkRefusal: L) {
  const org = cancelled.failed('org');
  if (org && (!org.item || org.item.deletedAt)) return 'org_gone' as const;
  if (cancelled.failed('link')) return linkRefusal;
  const claim = cancelled.failed('claim');
  if (claim) {
    const why = claimRefusal(claim.item);
    return why === 'member_suspended' ? ('already_member' as const) : why;
  }
  if (cancelled.failed('member')) return 'already_member' as const;
  if (org && w.memberLimit !== null && Number(org.item?.memberCount) >= w.memberLimit) return 'member_limit_reached' as const;
  if (org) return 'domain_not_allowed' as const;
  throw new Error(`join refused by ${cancelled.failedNames.join(', ')}`);
}
