import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { itemTypes, keys, tableDefinition, toEpochSeconds } from '../../db/table.ts';
import { ANSWER_RESERVE_MS, remainingMs } from '../../deadline.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AuditEvent, Delivery, DeliveryStatus, Invitation, Org, Page, Tally } from '../../domain/model.ts';
import type {
  AcceptWrite, CreateResult, EmailClaim, ExpiredRef, InvitationStore, ListOptions, LoadedInvitation, NewInvitation, RenewalWrite, ResendWrite,
  TransitionWrite,
} from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import { claimRefusal, releaseClaim } from './claims.ts';
import type { Table } from './client.ts';
import { conditions, guard } from './conditions.ts';
import type { Cursors } from './cursors.ts';
import {
  AUDIT_EVENTS_PER_ITEM, auditItem, auditItemOf, fromInvitationItem, fromMemberItem, fromOrgItem, invitationItem, memberClaimItem, memberItem,
  pendingClaimItem,
} from './items.ts';
import { actorStillAdmin, knownUserPut, teamJoinItems } from './member-store.ts';
import { pick } from './org-store.ts';
import { pagingWith } from './paging.ts';
import { queryAll } from './query-all.ts';
import { chunkItems, type Reservation, releaseStaleReservations, reservePlaces, settleReservation } from './reservations.ts';
import { cancellationReasons, isConditionFailure, Transaction } from './transactions.ts';

/** Items written per invitation (the invitation, its claim on the email); their audit events share items. */
const ITEMS_PER_INVITATION = 2;
/**
 * A transaction holds 100 items: n invitations (2n), their audit items (n / AUDIT_EVENTS_PER_ITEM,
 * rounded up) and two more: in a small invite the org's counter, in a bulk invite's chunk the check
 * that its reservation is open and the places the chunk used (reservations.ts): 46.
 */
const INVITATIONS_PER_TRANSACTION = /* @__PURE__ */ (() => Math.floor((98 * AUDIT_EVENTS_PER_ITEM) / (ITEMS_PER_INVITATION * AUDIT_EVENTS_PER_ITEM + 1)))();
const MAX_ATTEMPTS = 6;
/** A reputation day's counters outlive the longest window the configuration allows (30 days; config.ts). */
const REPUTATION_DAYS_KEPT = 32;
/** Chunk transactions of one bulk invite in flight at once (the bulk benchmark's floor sends them so too). */
export const PARALLEL_TRANSACTIONS = 4;
/**
 * A chunk is started only with the answer reserve and this much more left before the deadline: the
 * slowest chunk transaction measured under 90 % throttling (docs/adr/bulk-invites-under-faults.md).
 * (A literal, not a sum of imports, so that bundles which never invite can drop this module.)
 */
const SLOWEST_CHUNK_MS = 2_000;

type ChunkMode = { kind: 'counter'; limit: number | null } | { kind: 'reservation'; reservation: Reservation; chunk: number };

const isServiceBusy = (e: unknown) => e instanceof DomainError && e.code === 'service_busy';

export class DynamoInvitationStore implements InvitationStore {
  constructor(
    private readonly t: Table,
    private readonly cursors?: Cursors,
  ) {}

  async createMany(org: Org, all: NewInvitation[], now: string, pendingLimit: number | null, request: { key: string; resume: boolean }) {
    const requestKey = request.key;
    const results = new Map<string, CreateResult>();
    if (all.length <= INVITATIONS_PER_TRANSACTION) {
      // one transaction: a retry recognises its own earlier invitations from the refused claims (ALL_OLD)
      await this.createChunk(all, now, { kind: 'counter', limit: pendingLimit }, requestKey, results);
      return results;
    }
    // A bulk retry first reads which recipients an earlier attempt invited: they take no place and no
    // chunk, so each retry writes only what is left, and a chunk that fails never hides one of them.
    const items = request.resume ? await this.withoutEarlier(org.orgId, all, requestKey, results) : all;
    if (items.length === 0) return results;
    const left = remainingMs();
    const deadline = new Date(Date.parse(now) + (Number.isFinite(left) ? left : 60_000)).toISOString();
    const reservation = await reservePlaces(this.t, org.orgId, items.length, pendingLimit, deadline);
    const reserved = reservation?.reserved ?? 0;
    for (const { invitation } of items.slice(reserved)) results.set(invitation.invitationId, { outcome: 'pending_limit_reached' });
    if (!reservation) return results;
    const chunks: { index: number; items: NewInvitation[] }[] = [];
    for (let i = 0; i < reserved; i += INVITATIONS_PER_TRANSACTION) {
      chunks.push({ index: chunks.length, items: items.slice(i, Math.min(reserved, i + INVITATIONS_PER_TRANSACTION)) });
    }
    // which chunks committed, and with how many: the settle needs no read (anything unexpected: it reads)
    const committed: { index: number; used: number }[] = [];
    let unexpected = false;
    const notWritten = (c: NewInvitation[]) => {
      for (const { invitation } of c) results.set(invitation.invitationId, { outcome: 'service_busy' });
    };
    const worker = async () => {
      for (let c = chunks.shift(); c; c = chunks.shift()) {
        // a chunk started now could still be writing at the deadline: the rest is left for a retry
        if (remainingMs() < ANSWER_RESERVE_MS + SLOWEST_CHUNK_MS) {
          notWritten(c.items);
          continue;
        }
        try {
          const used = await this.createChunk(c.items, now, { kind: 'reservation', reservation, chunk: c.index }, requestKey, results);
          if (used > 0) committed.push({ index: c.index, used });
        } catch (error) {
          if (!isServiceBusy(error)) {
            unexpected = true;
            throw error;
          }
          notWritten(c.items);
        }
      }
    };
    const done = await Promise.allSettled(Array.from({ length: PARALLEL_TRANSACTIONS }, worker));
    try {
      await settleReservation(this.t, org.orgId, reservation.reservationId, unexpected ? undefined : { reserved, chunks: committed });
    } catch (error) {
      // Not given back now (DynamoDB busy): the reservation stays, past its deadline, until the next
      // invite that meets the limit or `npm run recount -- --repair` settles it. The answer is unchanged.
      if (!isServiceBusy(error)) throw error;
    }
    const failed = done.find((d) => d.status === 'rejected');
    if (failed) throw failed.reason;
    return results;
  }

  /** AP5: the recipients whose claim an earlier attempt of this request wrote are answered with that invitation. */
  private async withoutEarlier(orgId: string, items: NewInvitation[], requestKey: string, results: Map<string, CreateResult>) {
    const claims = await batchGetAll(this.t, items.map(({ invitation }) => keys.emailClaim(orgId, invitation.email)));
    const earlier = new Map(claims.filter((c) => c.requestKey === requestKey).map((c) => [String(c.email), String(c.invitationId)]));
    return items.filter(({ invitation }) => {
      const id = earlier.get(invitation.email);
      if (id !== undefined) results.set(invitation.invitationId, { outcome: 'invited', invitationId: id });
      return id === undefined;
    });
  }

  async releaseStaleReservations(orgId: string, now: string) {
    return releaseStaleReservations(this.t, orgId, now);
  }

  /**
   * One transaction per chunk. Its conditions are the rules: nothing may hold a claim on the email
   * yet (neither a pending invitation nor a member, also against a concurrent request), and the org's
   * pending counter must stay within the plan (or the bulk invite's reservation must still be open).
   * When a condition fails, the named reasons (with the claim's holder, ALL_OLD) say which recipients
   * failed and why; the others are written again without them. Contention and throttling never reach
   * here as refusals: the retry policy retries them and then answers service_busy.
   */
  /** Returns how many invitations the chunk's committed transaction wrote (0 when none committed). */
  private async createChunk(chunk: NewInvitation[], now: string, mode: ChunkMode, requestKey: string, results: Map<string, CreateResult>): Promise<number> {
    let todo = chunk;
    if (todo.length === 0) return 0;
    for (let attempt = 0; todo.length > 0 && attempt < MAX_ATTEMPTS; attempt++) {
      const tx = new Transaction(this.t);
      todo.forEach(({ invitation }, i) => {
        tx.add(`invitation:${i}`, { Put: { TableName: this.t.name, Item: invitationItem(invitation, this.t.retention.invitationDays), ...conditions.unclaimed } });
        tx.add(`claim:${i}`, {
          Put: {
            TableName: this.t.name,
            Item: pendingClaimItem(invitation, this.t.retention.invitationDays, requestKey),
            ...conditions.unclaimed,
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        });
      });
      for (let i = 0; i < todo.length; i += AUDIT_EVENTS_PER_ITEM) {
        const events = todo.slice(i, i + AUDIT_EVENTS_PER_ITEM).map((w) => w.event);
        tx.add(`audit:${i}`, { Put: { TableName: this.t.name, Item: auditItemOf(events, this.t.retention.auditDays) } });
      }
      if (mode.kind === 'counter') {
        tx.add('counter', {
          Update: guard({
            TableName: this.t.name,
            Key: keys.org(todo[0]?.invitation.orgId ?? ''),
            UpdateExpression: 'ADD pendingCount :n',
            ExpressionAttributeValues: { ':n': todo.length },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          }, conditions.pendingRoomFor(todo.length, mode.limit)),
        });
      } else {
        const { open, usage } = chunkItems(this.t, mode.reservation, mode.chunk, todo.length);
        tx.add('reservation', open).add('usage', usage);
      }
      const cancelled = await tx.commit();
      if (!cancelled) {
        for (const { invitation } of todo) results.set(invitation.invitationId, { outcome: 'invited' });
        return todo.length;
      }
      // settled by someone who found it past its deadline: this chunk may no longer take places
      if (cancelled.failed('reservation')) break;
      const retry: NewInvitation[] = [];
      todo.forEach((entry, i) => {
        const claim = cancelled.failed(`claim:${i}`);
        const id = entry.invitation.invitationId;
        if (!claim) {
          retry.push(entry);
        } else if (claim.item?.requestKey === requestKey && typeof claim.item.invitationId === 'string') {
          // an earlier attempt of this very request invited them: that invitation is the answer
          results.set(id, { outcome: 'invited', invitationId: claim.item.invitationId });
        } else {
          const refusal = claimRefusal(claim.item);
          const expired = typeof claim.item?.expiresAt === 'string' && claim.item.expiresAt <= now;
          results.set(id, { outcome: refusal === 'already_invited' && expired ? 'expired_claim' : refusal });
        }
      });
      const counter = cancelled.failed('counter');
      if (counter && mode.kind === 'counter' && mode.limit !== null) {
        const room = Math.max(0, mode.limit - Number(counter.item?.pendingCount ?? 0));
        for (const entry of retry.splice(room)) results.set(entry.invitation.invitationId, { outcome: 'pending_limit_reached' });
      }
      todo = retry;
    }
    // Only reachable when conditions kept failing on items other than the claims and the counter:
    // nothing of these was written, which is what service_busy says (a retry writes them).
    for (const { invitation } of todo) results.set(invitation.invitationId, { outcome: 'service_busy' });
    return 0;
  }

  // AP6: claims of invitations whose deadline has passed but that no worker has closed yet.
  async listExpiredPending(orgId: string, now: string) {
    const out: ExpiredRef[] = [];
    const items = await queryAll(this.t.doc, {
      TableName: this.t.name,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :now',
      ExpressionAttributeValues: { ':pk': keys.pendingClaims(orgId).GSI1PK, ':now': now },
    });
    for (const i of items) {
      out.push({ orgId, invitationId: String(i.invitationId), email: String(i.email), expiresAt: String(i.expiresAt) });
    }
    return out;
  }

  async get(orgId: string, invitationId: string) {
    const res = await this.t.doc.send(new GetCommand({
      TableName: this.t.name, Key: keys.invitationKey(orgId, invitationId), ConsistentRead: true,
    }));
    return res.Item ? fromInvitationItem(res.Item) : null;
  }

  // AP2 (a link names its invitation) and admin actions on one invitation.
  async loadWithOrg(orgId: string, invitationId: string, callerUserId: string) {
    return this.batchRead(orgId, invitationId, callerUserId);
  }

  private async batchLoad(orgId: string, invitationId: string, userId: string): Promise<LoadedInvitation | null> {
    const { invitation, org, member } = await this.batchRead(orgId, invitationId, userId);
    return invitation ? { invitation, org, member } : null;
  }

  private async batchRead(orgId: string, invitationId: string, userId: string) {
    const items = await batchGetAll(this.t, [keys.invitationKey(orgId, invitationId), keys.org(orgId), pick(keys.member(orgId, userId))]);
    const inv = items.find((i) => String(i.SK).startsWith('INV#'));
    const org = items.find((i) => i.SK === 'ORG');
    const member = items.find((i) => String(i.SK).startsWith('MEMBER#'));
    return {
      invitation: inv ? fromInvitationItem(inv) : null,
      org: org ? fromOrgItem(org) : null,
      member: member ? fromMemberItem(member) : null,
    };
  }

  // AP1 (all of an org's invitations, newest first) or AP4 (one email in the org).
  async list(
    orgId: string, filter: { statuses?: string[]; email?: string; delivery?: DeliveryStatus[] }, now: string, page: ListOptions,
  ): Promise<Page<Invitation>> {
    const scope = `invitations:${orgId}:${filter.email ?? ''}`;
    const byStatus = statusFilter(filter.statuses, now);
    const byDelivery = deliveryFilter(filter.delivery);
    const expression = [byStatus.expression, byDelivery.expression].filter(Boolean).map((e) => `(${e})`).join(' AND ');
    const values = { ...byStatus.values, ...byDelivery.values };
    const names = { ...(byStatus.expression ? { '#status': 'status' } : {}), ...(byDelivery.expression ? { '#ds': 'status' } : {}) };
    const base = filter.email
      ? {
          IndexName: 'GSI1',
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
    return this.queryPage(scope, page, (start, limit) => new QueryCommand({
      TableName: this.t.name,
      ...base,
      ...(expression ? { FilterExpression: expression, ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ...values },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    }), fromInvitationItem, filter.email !== undefined);
  }

  /** Reads until `limit` matching items are found; the cursor resumes after the last one returned. */
  private async queryPage<T>(
    scope: string, page: ListOptions, command: (start: Record<string, unknown> | undefined, limit: number) => QueryCommand,
    map: (item: Record<string, unknown>) => T, onIndex: boolean,
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
    const lastKey = more && last
      ? { PK: last.PK, SK: last.SK, ...(onIndex ? { GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK } : {}) }
      : undefined;
    return { items: items.map(map), nextCursor: pagingWith(this.cursors).encode(scope, lastKey) };
  }

  async accept(w: AcceptWrite) {
    const inv = w.invitation;
    const tx = new Transaction(this.t);
    tx.add('invitation', {
      Update: guard({
        TableName: this.t.name,
        Key: keys.invitationKey(inv.orgId, inv.invitationId),
        // The race this prevents: two accepts (or an accept and a revoke) of one invitation. Only
        // one transaction finds it still pending and unexpired.
        UpdateExpression: 'SET #status = :accepted, acceptedAt = :now, acceptedBy = :user',
        ExpressionAttributeValues: { ':accepted': 'accepted', ':user': w.member.userId },
      }, conditions.pendingAndLive(w.now)),
    });
    // the invitation's claim on the email passes to the new member, or ends if the caller is in already
    tx.add('claim', w.alreadyMember
      ? releaseClaim(this.t.name, inv)
      : { Put: { TableName: this.t.name, Item: memberClaimItem(w.member), ...conditions.ownClaim(inv.invitationId) } });
    if (w.alreadyMember) {
      tx.add('counter', counterUpdate(this.t.name, inv.orgId, { pendingCount: -1 }));
    } else {
      const counter = counterUpdate(this.t.name, inv.orgId, {
        pendingCount: -1, memberCount: 1, ...(w.member.role === 'admin' ? { adminCount: 1 } : {}),
      });
      if (w.memberLimit !== null) {
        // the member limit holds under concurrent accepts because the counter itself carries the condition
        counter.Update.ConditionExpression = 'memberCount < :limit';
        counter.Update.ExpressionAttributeValues[':limit'] = w.memberLimit;
      }
      if (w.becomesPrimaryContact) {
        // a primary contact set since the read (another accept, an admin's move) wins; the caller re-reads
        counter.Update.ConditionExpression = `${counter.Update.ConditionExpression ?? 'attribute_exists(PK)'} AND attribute_not_exists(primaryContactUserId)`;
        counter.Update.UpdateExpression += ' SET primaryContactUserId = :pcu';
        counter.Update.ExpressionAttributeValues[':pcu'] = w.member.userId;
        Object.assign(counter.Update, { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
      }
      tx.add('counter', counter);
      tx.add('member', { Put: { TableName: this.t.name, Item: memberItem(w.member), ...conditions.unclaimed } });
      // the invitation's teams (those that still exist, as the caller read them) join with the member
      w.member.teams.forEach((teamId, i) => {
        const [teamMember, team] = teamJoinItems(this.t.name, inv.orgId, teamId, w.member.userId, w.now);
        tx.add(`teamMember:${i}`, teamMember).add(`team:${i}`, team);
      });
      // Authority does not outlive its holder: an invitation sent by someone who is no longer an
      // active admin admits nobody, even if the revocation of their invitations has not reached it yet.
      if (inv.invitedBy.userId && inv.invitedBy.userId !== w.member.userId) tx.add('inviter', actorStillAdmin(this.t.name, inv.orgId, inv.invitedBy.userId));
      tx.add('knownUser', knownUserPut(this.t.name, { userId: w.member.userId, email: w.member.email, name: w.member.name }));
    }
    w.events.forEach((e, i) => {
      tx.add(`audit:${i}`, { Put: { TableName: this.t.name, Item: auditItem(e, this.t.retention.auditDays) } });
    });
    const cancelled = await tx.commit();
    if (!cancelled) return 'accepted' as const;
    if (cancelled.failed('invitation')) return 'not_pending' as const;
    if (cancelled.failed('inviter')) return 'inviter_not_admin' as const;
    const counter = cancelled.failed('counter');
    if (counter && w.becomesPrimaryContact && counter.item?.primaryContactUserId) return 'not_pending' as const;
    if (counter && !w.alreadyMember && w.memberLimit !== null) return 'member_limit_reached' as const;
    return 'not_pending' as const; // the membership or a team changed under us: the caller re-reads and decides again
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

  async transition(w: TransitionWrite) {
    const inv = w.invitation;
    const stamp = w.to === 'revoked' ? ', revokedAt = :now, revokedBy = :by' : w.to === 'declined' ? ', declinedAt = :now' : '';
    const cancelled = await new Transaction(this.t)
      .add('invitation', {
        Update: guard({
          TableName: this.t.name,
          Key: keys.invitationKey(inv.orgId, inv.invitationId),
          UpdateExpression: `SET #status = :to${stamp}`,
          ExpressionAttributeValues: { ':to': w.to, ...(w.to === 'revoked' ? { ':by': w.by } : {}) },
          // expiry is the only transition that needs the deadline to have passed; the others need it not to
        }, w.to === 'expired' ? conditions.pendingAndDue(w.now) : conditions.pendingAndLive(w.now)),
      })
      .add('claim', releaseClaim(this.t.name, inv))
      // Expiries of a bulk invite fall due together and all update the org's counter: a conflict among
      // them is retried by the retry policy (retry-policy.ts), never read as "not pending".
      .add('counter', counterUpdate(this.t.name, inv.orgId, { pendingCount: -1 }))
      .add('audit', { Put: { TableName: this.t.name, Item: auditItem(w.event, this.t.retention.auditDays) } })
      .commit();
    if (!cancelled) return 'done' as const;
    if (cancelled.failed('invitation')) return 'not_pending' as const;
    throw new Error(`invitation transition refused by ${cancelled.failedNames.join(', ')}`);
  }

  async recordDelivery(
    inv: Pick<Invitation, 'orgId' | 'invitationId' | 'sendCount'>,
    delivery: Delivery,
    opts: {
      onlyFrom?: DeliveryStatus[]; notAlready?: boolean; event?: AuditEvent; countSent?: boolean;
      tally?: { field: keyof Tally; day: string }; suppress?: { email: string; reason: 'address_bounced' | 'address_complained' };
    } = {},
  ) {
    const from = opts.onlyFrom ?? [];
    const conditionsOf = [
      // a late record about an older send must not overwrite the status of a newer one
      'sendCount = :n',
      ...(from.length > 0 ? [`(attribute_not_exists(delivery) OR delivery.#ds IN (${from.map((_, i) => `:from${i}`).join(', ')}))`] : []),
      ...(opts.notAlready ? ['(attribute_not_exists(delivery) OR delivery.#ds <> :same)'] : []),
    ];
    const update = {
      TableName: this.t.name,
      Key: keys.invitationKey(inv.orgId, inv.invitationId),
      ConditionExpression: conditionsOf.join(' AND '),
      UpdateExpression: opts.countSent ? 'SET delivery = :d ADD emailsSent :one' : 'SET delivery = :d',
      ...(from.length > 0 || opts.notAlready ? { ExpressionAttributeNames: { '#ds': 'status' } } : {}),
      ExpressionAttributeValues: {
        ':n': inv.sendCount, ':d': delivery, ...Object.fromEntries(from.map((f, i) => [`:from${i}`, f])),
        ...(opts.countSent ? { ':one': 1 } : {}),
        ...(opts.notAlready ? { ':same': delivery.status } : {}),
      },
    };
    try {
      if (opts.event || opts.tally || opts.suppress) {
        // the counter moves only with the status it counts: a retried event finds the status set and adds nothing
        const cancelled = await new Transaction(this.t)
          .add('invitation', { Update: update })
          .add('audit', opts.event ? { Put: { TableName: this.t.name, Item: auditItem(opts.event, this.t.retention.auditDays) } } : null)
          .add('tally', opts.tally ? {
            Update: {
              TableName: this.t.name,
              Key: keys.reputationDay(inv.orgId, opts.tally.day),
              UpdateExpression: 'SET entity = :entity, #day = :day, #ttl = if_not_exists(#ttl, :ttl) ADD #field :one',
              ExpressionAttributeNames: { '#field': opts.tally.field, '#day': 'day', '#ttl': tableDefinition.ttlAttribute },
              ExpressionAttributeValues: { ':entity': itemTypes.reputationDay, ':day': opts.tally.day, ':one': 1, ':ttl': toEpochSeconds(opts.tally.day) + REPUTATION_DAYS_KEPT * 86_400 },
            },
          } : null)
          .add('suppress', opts.suppress ? {
            Put: {
              TableName: this.t.name,
              Item: {
                ...keys.suppression(inv.orgId, opts.suppress.email), entity: itemTypes.suppression,
                email: opts.suppress.email, reason: opts.suppress.reason, at: delivery.at, invitationId: inv.invitationId,
              },
            },
          } : null)
          .commit();
        if (cancelled) {
          if (cancelled.failed('invitation')?.code === 'ConditionalCheckFailed') return 'stale' as const;
          throw new Error(`delivery record refused by ${cancelled.failedNames.join(', ')}`);
        }
      } else {
        await this.t.doc.send(new UpdateCommand(update));
      }
      return 'recorded' as const;
    } catch (e) {
      if (isConditionFailure(e)) return 'stale' as const;
      throw e;
    }
  }

  async markReminded(inv: Pick<Invitation, 'orgId' | 'invitationId'>, now: string, event: AuditEvent) {
    try {
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.t.name,
              Key: keys.invitationKey(inv.orgId, inv.invitationId),
              // a duplicate or late firing (or one racing an accept) finds the condition false and does nothing
              ConditionExpression: '#status = :pending AND expiresAt > :now AND attribute_not_exists(remindedAt)',
              UpdateExpression: 'SET remindedAt = :now',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
            },
          },
          { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays) } },
        ],
      }));
      return 'done' as const;
    } catch (e) {
      if (cancellationReasons(e)?.[0]?.code === 'ConditionalCheckFailed') return 'skipped' as const;
      throw e;
    }
  }

  async closePurged(inv: Pick<Invitation, 'orgId' | 'invitationId' | 'email'>, event: AuditEvent) {
    try {
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          // the event's key is derived from the invitation: a retried stream record finds it and stops
          { Put: { TableName: this.t.name, Item: auditItem(event, this.t.retention.auditDays), ConditionExpression: 'attribute_not_exists(PK)' } },
          releaseClaim(this.t.name, inv),
          counterUpdate(this.t.name, inv.orgId, { pendingCount: -1 }),
        ],
      }));
      return 'done' as const;
    } catch (e) {
      if (cancellationReasons(e)?.[0]?.code === 'ConditionalCheckFailed') return 'already' as const;
      throw e;
    }
  }

  // AP4 across orgs: every invitation to the email, filtered to pending and unexpired, newest first.
  async listPendingToEmail(email: string, callerUserId: string, now: string, page: ListOptions): Promise<Page<LoadedInvitation>> {
    const k = keys.invitationsToEmail(email);
    const found = await this.queryPage(`me-invitations:${email}`, page, (start, limit) => new QueryCommand({
      TableName: this.t.name,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
      FilterExpression: '#status = :pending AND expiresAt > :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': k.GSI1PK, ':sk': k.GSI1SKPrefix, ':pending': 'pending', ':now': now },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: start,
    }), fromInvitationItem, true);
    const orgIds = [...new Set(found.items.map((i) => i.orgId))];
    const related = await batchGetAll(this.t, [
      ...orgIds.map((o) => keys.org(o)),
      ...orgIds.map((o) => pick(keys.member(o, callerUserId))),
    ]);
    const orgs = new Map(related.filter((i) => i.SK === 'ORG').map((i) => [String(i.orgId), fromOrgItem(i)]));
    const members = new Map(related.filter((i) => String(i.SK).startsWith('MEMBER#')).map((i) => [String(i.orgId), fromMemberItem(i)]));
    return {
      items: found.items.map((invitation) => ({
        invitation, org: orgs.get(invitation.orgId) ?? null, member: members.get(invitation.orgId) ?? null,
      })),
      nextCursor: found.nextCursor,
    };
  }

  // AP4: the id must be among the invitations to this email, so nobody reaches another person's invitation.
  async findToEmail(email: string, invitationId: string, callerUserId: string) {
    const k = keys.invitationsToEmail(email);
    let start: Record<string, unknown> | undefined;
    do {
      const res = await this.t.doc.send(new QueryCommand({
        TableName: this.t.name,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
        FilterExpression: 'invitationId = :id',
        ExpressionAttributeValues: { ':pk': k.GSI1PK, ':sk': k.GSI1SKPrefix, ':id': invitationId },
        ExclusiveStartKey: start,
      }));
      const hit = res.Items?.[0];
      // the index is eventually consistent: the decision is made on a consistent read of the item
      if (hit) return this.batchLoad(String(hit.orgId), invitationId, callerUserId);
      start = res.LastEvaluatedKey;
    } while (start);
    return null;
  }

  async requestRenewal(w: RenewalWrite) {
    const inv = w.invitation;
    try {
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.t.name,
              Key: keys.invitationKey(inv.orgId, inv.invitationId),
              // once per invitation, and only for one that really expired (not accepted, revoked, declined)
              ConditionExpression: '(#status = :pending OR #status = :expired) AND expiresAt <= :now AND attribute_not_exists(renewalRequestedAt)',
              UpdateExpression: 'SET renewalRequestedAt = :now',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':pending': 'pending', ':expired': 'expired', ':now': w.now },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          {
            Update: {
              TableName: this.t.name,
              Key: keys.renewalWindow(inv.orgId, w.window),
              // many expired links of one org cannot flood its admins: the hour's counter carries the limit
              ConditionExpression: 'attribute_not_exists(requests) OR requests < :max',
              UpdateExpression: 'SET entity = :entity, #ttl = :ttl ADD requests :one',
              ExpressionAttributeNames: { '#ttl': 'ttl' },
              ExpressionAttributeValues: {
                ':max': w.maxPerWindow, ':one': 1, ':entity': itemTypes.renewalWindow, ':ttl': toEpochSeconds(w.now) + 2 * 86_400,
              },
            },
          },
          { Put: { TableName: this.t.name, Item: auditItem(w.event, this.t.retention.auditDays) } },
        ],
      }));
      return 'done' as const;
    } catch (e) {
      const reasons = cancellationReasons(e);
      if (!reasons) throw e;
      const invReason = reasons[0];
      if (invReason?.code === 'ConditionalCheckFailed') {
        return invReason.item?.renewalRequestedAt ? 'already_requested' as const : 'not_expired' as const;
      }
      if (reasons[1]?.code === 'ConditionalCheckFailed') return 'rate_limited' as const;
      throw e;
    }
  }

  async claimsOf(orgId: string, emails: string[]): Promise<Map<string, EmailClaim>> {
    const claimKeys = [...new Set(emails)].map((e) => ({ email: e, key: keys.emailClaim(orgId, e) }));
    const emailOfKey = new Map(claimKeys.map((c) => [c.key.SK, c.email]));
    const items = await batchGetAll(this.t, claimKeys.map((c) => c.key));
    const out = new Map<string, EmailClaim>();
    for (const item of items) {
      const email = emailOfKey.get(String(item.SK));
      if (email === undefined) continue;
      const holder = claimRefusal(item);
      out.set(email, { holder, ...(holder === 'already_invited' && typeof item.expiresAt === 'string' ? { expiresAt: item.expiresAt } : {}) });
    }
    return out;
  }

  async resend(w: ResendWrite) {
    const inv = w.invitation;
    const cancelled = await new Transaction(this.t)
      .add('invitation', {
        Update: guard({
          TableName: this.t.name,
          Key: keys.invitationKey(inv.orgId, inv.invitationId),
          UpdateExpression:
            'SET linkNonce = :nonce, tokenHash = :hash, lastSentAt = :now, sendCount = :count, resendWindowStart = :ws, resendsInWindow = :wn, delivery = :delivery',
          ExpressionAttributeValues: {
            ':seen': inv.sendCount,
            ':nonce': w.next.linkNonce, ':hash': w.next.tokenHash, ':count': w.next.sendCount,
            ':ws': w.next.resendWindowStart, ':wn': w.next.resendsInWindow,
            ':delivery': { status: 'queued', at: w.now },
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        }, {
          // sendCount = :seen: two resends at once cannot both pass the throttle
          ...conditions.pendingAndLive(w.now),
          ConditionExpression: `${conditions.pendingAndLive(w.now).ConditionExpression} AND sendCount = :seen`,
        }),
      })
      .add('audit', { Put: { TableName: this.t.name, Item: auditItem(w.event, this.t.retention.auditDays) } })
      .add('lift', w.liftSuppression ? { Delete: { TableName: this.t.name, Key: keys.suppression(inv.orgId, inv.email) } } : null)
      .commit();
    if (!cancelled) return 'done' as const;
    const reason = cancelled.failed('invitation');
    if (!reason) throw new Error(`resend refused by ${cancelled.failedNames.join(', ')}`);
    return reason.item?.status === 'pending' && Number(reason.item.sendCount) !== inv.sendCount ? 'changed' as const : 'not_pending' as const;
  }

  async recordSchedules(
    inv: Pick<Invitation, 'orgId' | 'invitationId'>,
    state: { status: 'failed'; at: string; attempts: number; detail: string } | { status: 'scheduled'; at: string } | { status: 'retry'; at: string } | { status: 'dropped' },
  ) {
    const key = keys.invitationKey(inv.orgId, inv.invitationId);
    const marker = keys.scheduleRetry(inv.orgId, inv.invitationId);
    try {
      if (state.status === 'dropped') {
        await this.t.doc.send(new DeleteCommand({ TableName: this.t.name, Key: marker }));
        return 'recorded' as const;
      }
      if (state.status === 'retry') {
        // only a failure is retried; the change is what the dispatcher reacts to
        await this.t.doc.send(new UpdateCommand({
          TableName: this.t.name, Key: key,
          ConditionExpression: 'schedules.#s = :failed',
          UpdateExpression: 'SET schedules.retryAt = :at',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':at': state.at },
        }));
        return 'recorded' as const;
      }
      const update = {
        TableName: this.t.name, Key: key,
        ConditionExpression: 'attribute_exists(PK)',
        UpdateExpression: 'SET schedules = :s',
        ExpressionAttributeValues: { ':s': state },
      };
      await this.t.doc.send(new TransactWriteCommand({
        TransactItems: [
          { Update: update },
          state.status === 'failed'
            ? { Put: { TableName: this.t.name, Item: { ...marker, entity: itemTypes.scheduleRetry, orgId: inv.orgId, invitationId: inv.invitationId, at: state.at, ttl: toEpochSeconds(state.at) + this.t.retention.invitationDays * 86_400 } } }
            : { Delete: { TableName: this.t.name, Key: marker } },
        ],
      }));
      return 'recorded' as const;
    } catch (e) {
      if (isConditionFailure(e) || cancellationReasons(e)?.[0]?.code === 'ConditionalCheckFailed') return 'stale' as const;
      throw e;
    }
  }

  // AP16: the few invitations whose schedules failed, oldest marker first
  async listScheduleRetries(limit: number) {
    const res = await this.t.doc.send(new QueryCommand({
      TableName: this.t.name,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.scheduleRetryPartition().PK },
      Limit: limit,
    }));
    return (res.Items ?? []).map((i) => ({ orgId: String(i.orgId), invitationId: String(i.invitationId) }));
  }
}

function counterUpdate(table: string, orgId: string, deltas: Record<string, number>) {
  const names = Object.keys(deltas);
  return {
    Update: {
      ConditionExpression: undefined as string | undefined,
      TableName: table,
      Key: keys.org(orgId),
      UpdateExpression: `ADD ${names.map((n) => `${n} :d_${n}`).join(', ')}`,
      ExpressionAttributeValues: Object.fromEntries(names.map((n) => [`:d_${n}`, deltas[n]])) as Record<string, unknown>,
    },
  };
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
    else if (s === 'expired') { values[':s_pending'] = 'pending'; parts.push('(#status = :s_expired OR (#status = :s_pending AND expiresAt <= :now))'); }
    else parts.push(`#status = :s_${s}`);
  }
  // DynamoDB refuses an expression wrapped whole in parentheses ("redundant parentheses")
  const expression = parts.length === 1 ? (parts[0] as string).replace(/^\((.*)\)$/, '$1') : parts.join(' OR ');
  if (expression.includes(':now')) values[':now'] = now;
  return { expression, values };
}

