import { keys } from '../../db/table.ts';
import { ANSWER_RESERVE_MS, remainingMs } from '../../deadline.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Org } from '../../domain/model.ts';
import type { CreateResult, EmailClaim, NewInvitation } from '../../ports.ts';
import { batchGetAll } from './batch-get.ts';
import { claimRefusal } from './claims.ts';
import type { Table } from './client.ts';
import { conditions, guard } from './conditions.ts';
import { AUDIT_EVENTS_PER_ITEM, auditItemOf, invitationItem, pendingClaimItem } from './items.ts';
import { chunkItems, type Reservation, releaseStaleReservations, reservePlaces, settleReservation } from './reservations.ts';
import { Transaction } from './transactions.ts';

/** Items written per invitation (the invitation, its claim on the email); their audit events share items. */
const ITEMS_PER_INVITATION = 2;
/**
 * A transaction holds 100 items: n invitations (2n), their audit items (n / AUDIT_EVENTS_PER_ITEM,
 * rounded up) and two more: in a small invite the org's counter, in a bulk invite's chunk the check
 * that its reservation is open and the places the chunk used (reservations.ts): 46.
 */
const INVITATIONS_PER_TRANSACTION = /* @__PURE__ */ (() => Math.floor((98 * AUDIT_EVENTS_PER_ITEM) / (ITEMS_PER_INVITATION * AUDIT_EVENTS_PER_ITEM + 1)))();
const MAX_ATTEMPTS = 6;
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

/**
 * Creating invitations: one transaction for a small invite, chunks against a reservation of the
 * org's pending places for a bulk one; and the reads that tell who may be invited (email claims).
 */
export class InvitationCreation {
  constructor(private readonly t: Table) {}

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
    const claims = await batchGetAll(
      this.t,
      items.map(({ invitation }) => keys.emailClaim(orgId, invitation.email)),
    );
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
        tx.add(`invitation:${i}`, {
          Put: { TableName: this.t.name, Item: invitationItem(invitation, this.t.retention.invitationDays), ...conditions.unclaimed },
        });
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
          Update: guard(
            {
              TableName: this.t.name,
              Key: keys.org(todo[0]?.invitation.orgId ?? ''),
              UpdateExpression: 'ADD pendingCount :n',
              ExpressionAttributeValues: { ':n': todo.length },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
            },
            conditions.pendingRoomFor(todo.length, mode.limit),
          ),
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
      if (cancelled.failed('counter')?.item?.deletedAt) {
        for (const { invitation } of todo) results.set(invitation.invitationId, { outcome: 'org_deleted' });
        return 0;
      }
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

  async claimsOf(orgId: string, emails: string[]): Promise<Map<string, EmailClaim>> {
    const claimKeys = [...new Set(emails)].map((e) => ({ email: e, key: keys.emailClaim(orgId, e) }));
    const emailOfKey = new Map(claimKeys.map((c) => [c.key.SK, c.email]));
    const items = await batchGetAll(
      this.t,
      claimKeys.map((c) => c.key),
    );
    const out = new Map<string, EmailClaim>();
    for (const item of items) {
      const email = emailOfKey.get(String(item.SK));
      if (email === undefined) continue;
      const holder = claimRefusal(item);
      out.set(email, { holder, ...(holder === 'already_invited' && typeof item.expiresAt === 'string' ? { expiresAt: item.expiresAt } : {}) });
    }
    return out;
  }
}
