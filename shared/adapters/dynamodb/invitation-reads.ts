import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, tableDefinition } from '../../db/table.ts';
import type { DeliveryStatus, Invitation, Page } from '../../domain/model.ts';
import type { ExpiredRef, ListOptions, LoadedInvitation } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import type { Table } from './client.ts';
import type { Cursors } from './cursors.ts';
import { fromDeletedOrgItem, fromInvitationItem, fromMemberItem, fromOrgItem } from './items.ts';
import { pagingWith } from './paging.ts';
import { queryAll, queryPages } from './query-all.ts';
import { pick } from './tx-items.ts';

/** Reading invitations: one by key (with its org and the caller's membership), an org's pages, one email's. */
export class InvitationReads {
  constructor(
    private readonly t: Table,
    private readonly cursors?: Cursors,
  ) {}

  // AP6: claims of invitations whose deadline has passed but that no worker has closed yet.
  async listExpiredPending(orgId: string, now: string) {
    const out: ExpiredRef[] = [];
    const items = await queryAll(this.t.doc, {
      TableName: this.t.name,
      IndexName: tableDefinition.gsi1.name,
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
      ExpressionAttributeValues: { ':pk': keys.pendingClaims(orgId).GSI1PK, ':now': now },
    });
    for (const i of items) {
      out.push({ orgId, invitationId: String(i.invitationId), email: String(i.email), expiresAt: String(i.expiresAt) });
    }
    return out;
  }

  async get(orgId: string, invitationId: string) {
    const res = await this.t.doc.send(
      new GetCommand({
        TableName: this.t.name,
        Key: keys.invitationKey(orgId, invitationId),
        ConsistentRead: true,
      }),
    );
    return res.Item ? fromInvitationItem(res.Item) : null;
  }

  // AP2 (a link names its invitation) and admin actions on one invitation.
  async loadWithOrg(orgId: string, invitationId: string, callerUserId: string) {
    return this.batchRead(orgId, invitationId, callerUserId);
  }

  private async batchLoad(orgId: string, invitationId: string, userId: string): Promise<LoadedInvitation | null> {
    const { invitation, ...rest } = await this.batchRead(orgId, invitationId, userId);
    return invitation ? { invitation, ...rest } : null;
  }

  private async batchRead(orgId: string, invitationId: string, userId: string) {
    const items = await batchGetAll(this.t, [keys.invitationKey(orgId, invitationId), keys.org(orgId), pick(keys.member(orgId, userId))]);
    const inv = items.find((i) => i.entity === itemTypes.invitation);
    const org = items.find((i) => i.entity === itemTypes.org);
    const member = org && items.find((i) => i.entity === itemTypes.member);
    const deleted = items.find((i) => i.entity === itemTypes.deletedOrg);
    return {
      invitation: inv ? fromInvitationItem(inv) : null,
      org: org ? fromOrgItem(org) : null,
      member: member ? fromMemberItem(member) : null,
      ...(deleted ? { deletedOrg: fromDeletedOrgItem(deleted) } : {}),
    };
  }

  // AP1 (all of an org's invitations, newest first) or AP4 (one email in the org).
  async list(
    orgId: string,
    filter: { statuses?: string[]; email?: string; delivery?: DeliveryStatus[] },
    now: string,
    page: ListOptions,
  ): Promise<Page<Invitation>> {
    const scope = `invitations:${orgId}:${filter.email ?? ''}`;
    const byStatus = statusFilter(filter.statuses, now);
    const byDelivery = deliveryFilter(filter.delivery);
    const expression = [byStatus.expression, byDelivery.expression]
      .filter(Boolean)
      .map((e) => `(${e})`)
      .join(' AND ');
    const values = { ...byStatus.values, ...byDelivery.values };
    const names = { ...(byStatus.expression ? { '#status': 'status' } : {}), ...(byDelivery.expression ? { '#ds': 'status' } : {}) };
    const base = filter.email
      ? {
          IndexName: tableDefinition.gsi1.name,
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
          ExpressionAttributeValues: {
            ':pk': keys.invitationsToEmail(filter.email, orgId).GSI1PK,
            ':sk': keys.invitationsToEmail(filter.email, orgId).GSI1SKPrefix,
          },
        }
      : {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: { ':pk': keys.invitationPrefix(orgId).PK, ':sk': keys.invitationPrefix(orgId).SKPrefix },
        };
    return this.queryPage(
      scope,
      page,
      (start, limit) =>
        new QueryCommand({
          TableName: this.t.name,
          ...base,
          ...(expression ? { FilterExpression: expression, ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ...values },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      fromInvitationItem,
      filter.email !== undefined,
    );
  }

  /** Reads until `limit` matching items are found; the cursor resumes after the last one returned. */
  private async queryPage<T>(
    scope: string,
    page: ListOptions,
    command: (start: Record<string, unknown> | undefined, limit: number) => QueryCommand,
    map: (item: Record<string, unknown>) => T,
    onIndex: boolean,
  ): Promise<Page<T>> {
    let start = pagingWith(this.cursors).decode(scope, page.cursor);
    const out: Record<string, unknown>[] = [];
    do {
      const res = await this.t.doc.send(command(start, page.limit + 1 - out.length));
      out.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start && out.length <= page.limit);
    const items = out.slice(0, page.limit);
    const more = out.length > page.limit || start !== undefined;
    const last = items[items.length - 1];
    const lastKey = more && last ? { PK: last.PK, SK: last.SK, ...(onIndex ? { GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK } : {}) } : undefined;
    return { items: items.map(map), nextCursor: pagingWith(this.cursors).encode(scope, lastKey) };
  }

  // AP1: the pending invitations one member sent (a filter on the org's INV# items).
  async listPendingSentBy(orgId: string, userId: string, now: string) {
    const p = keys.invitationPrefix(orgId);
    const items = await queryAll(this.t.doc, {
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      FilterExpression: '#status = :pending AND expiresAt > :now AND invitedBy.userId = :user',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': p.PK, ':sk': p.SKPrefix, ':pending': 'pending', ':now': now, ':user': userId },
      ConsistentRead: true,
    });
    return items.map(fromInvitationItem);
  }
  // AP4 across orgs: every invitation to the email, filtered to pending and unexpired, newest first.
  async listPendingToEmail(email: string, callerUserId: string, now: string, page: ListOptions): Promise<Page<LoadedInvitation>> {
    const k = keys.invitationsToEmail(email);
    const found = await this.queryPage(
      `me-invitations:${email}`,
      page,
      (start, limit) =>
        new QueryCommand({
          TableName: this.t.name,
          IndexName: tableDefinition.gsi1.name,
          KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
          FilterExpression: '#status = :pending AND expiresAt > :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pk': k.GSI1PK, ':sk': k.GSI1SKPrefix, ':pending': 'pending', ':now': now },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      fromInvitationItem,
      true,
    );
    const orgIds = [...new Set(found.items.map((i) => i.orgId))];
    const related = await batchGetAll(this.t, [...orgIds.map((o) => keys.org(o)), ...orgIds.map((o) => pick(keys.member(o, callerUserId)))]);
    const orgs = new Map(related.filter((i) => i.entity === itemTypes.org).map((i) => [String(i.orgId), fromOrgItem(i)]));
    const members = new Map(related.filter((i) => i.entity === itemTypes.member).map((i) => [String(i.orgId), fromMemberItem(i)]));
    return {
      items: found.items.map((invitation) => ({
        invitation,
        org: orgs.get(invitation.orgId) ?? null,
        member: members.get(invitation.orgId) ?? null,
      })),
      nextCursor: found.nextCursor,
    };
  }

  // AP4: the id must be among the invitations to this email, so nobody reaches another person's invitation.
  async findToEmail(email: string, invitationId: string, callerUserId: string) {
    const k = keys.invitationsToEmail(email);
    for await (const res of queryPages(this.t.doc, {
      TableName: this.t.name,
      IndexName: tableDefinition.gsi1.name,
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
      FilterExpression: 'invitationId = :id',
      ExpressionAttributeValues: { ':pk': k.GSI1PK, ':sk': k.GSI1SKPrefix, ':id': invitationId },
    })) {
      const hit = res.Items?.[0];
      // the index is eventually consistent: the decision is made on a consistent read of the item
      if (hit) return this.batchLoad(String(hit.orgId), invitationId, callerUserId);
    }
    return null;
  }
}

function deliveryFilter(statuses: DeliveryStatus[] | undefined): { expression?: string; values: Record<string, string> } {
  if (!statuses || statuses.length === 0) return { values: {} };
  const unique = [...new Set(statuses)];
  return {
    expression: `delivery.#ds IN (${unique.map((_, i) => `:ds_${i}`).join(', ')})`,
    values: Object.fromEntries(unique.map((d, i) => [`:ds_${i}`, d])),
  };
}

function statusFilter(statuses: string[] | undefined, now: string): { expression?: string; values: Record<string, string> } {
  if (!statuses || statuses.length === 0) return { values: {} };
  const parts: string[] = [];
  const values: Record<string, string> = {};
  for (const s of new Set(statuses)) {
    values[`:s_${s}`] = s === 'expired' ? 'expired' : s;
    if (s === 'pending') parts.push('(#status = :s_pending AND expiresAt > :now)');
    else if (s === 'expired') {
      values[':s_pending'] = 'pending';
      parts.push('(#status = :s_expired OR (#status = :s_pending AND expiresAt <= :now))');
    } else parts.push(`#status = :s_${s}`);
  }
  // DynamoDB refuses an expression wrapped whole in parentheses ("redundant parentheses")
  const expression = parts.length === 1 ? (parts[0] as string).replace(/^\((.*)\)$/, '$1') : parts.join(' OR ');
  if (expression.includes(':now')) values[':now'] = now;
  return { expression, values };
}
