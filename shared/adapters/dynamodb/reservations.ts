import { randomUUID } from 'node:crypto';
import { itemTypes, keys } from '../../db/table.ts';
import type { Table } from './client.ts';
import { conditions, guard } from './conditions.ts';
import { queryAll } from './query-all.ts';
import { MAX_TX_ITEMS, Transaction, type TxItem } from './transactions.ts';

/**
 * A bulk invite takes its places on the org's pending counter once, then writes its chunks in
 * parallel without touching the org item (parallel transactions on one item would conflict). The
 * places it takes are a record, not only a number: each chunk that commits writes how many places it
 * used, in its own transaction, so what to give back is always known exactly, also after a crash.
 * The invite settles its reservation when it ends; one left behind by a crash is settled by whoever
 * finds it past its deadline (the next invite of the org that meets the limit, `npm run recount --
 * --repair`), the way the erasure record lets a later call finish an erasure.
 */
export interface Reservation {
  orgId: string;
  reservationId: string;
  reserved: number;
  /** The invite's own deadline; after it no chunk of it can commit any more. */
  deadline: string;
}

const reservationItem = (r: Reservation) => ({ ...keys.reservation(r.orgId, r.reservationId), entity: itemTypes.reservation, ...r });

/** Takes up to `wanted` places under the plan's limit. Null when there is no room at all. */
export async function reservePlaces(t: Table, orgId: string, wanted: number, limit: number | null, deadline: string): Promise<Reservation | null> {
  let n = wanted;
  for (let attempt = 0; attempt < 4 && n > 0; attempt++) {
    const r: Reservation = { orgId, reservationId: randomUUID(), reserved: n, deadline };
    const cancelled = await new Transaction(t)
      .add('counter', {
        Update: guard(
          {
            TableName: t.name,
            Key: keys.org(orgId),
            UpdateExpression: 'ADD pendingCount :n',
            ExpressionAttributeValues: { ':n': n },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
          },
          conditions.pendingRoomFor(n, limit),
        ),
      })
      .add('reservation', { Put: { TableName: t.name, Item: reservationItem(r), ...conditions.unclaimed } })
      .commit();
    if (!cancelled) return r;
    const counter = cancelled.failed('counter');
    if (!counter || limit === null) throw new Error(`reservation refused: ${cancelled.failedNames.join(', ')}`);
    // the room there is now (another invite may take some meanwhile: then once more)
    n = Math.min(n, Math.max(0, limit - Number(counter.item?.pendingCount ?? limit)));
  }
  return null;
}

/**
 * What a chunk of the invite adds to its transaction: the reservation must still be open (a chunk
 * that lands after its reservation was settled would hold a place nobody counted), and the places
 * this chunk uses.
 */
export function chunkItems(t: Table, r: Reservation, chunk: number, used: number): { open: TxItem; usage: TxItem } {
  return {
    open: { ConditionCheck: { TableName: t.name, Key: keys.reservation(r.orgId, r.reservationId), ...conditions.exists } },
    usage: {
      Put: {
        TableName: t.name,
        Item: { ...keys.reservationChunk(r.orgId, r.reservationId, chunk), entity: itemTypes.reservationChunk, used },
      },
    },
  };
}

/**
 * Gives back the places the reservation took and no chunk used, and deletes it with its chunks, in one
 * transaction under the condition that it is still there: however many settle it at once, the places
 * are given back once. The invite that made it knows which chunks committed (`known`) and settles it in
 * one round trip; anyone else reads them first. Returns how many, or null when someone else settled it first.
 */
export async function settleReservation(
  t: Table,
  orgId: string,
  reservationId: string,
  known?: { reserved: number; chunks: { index: number; used: number }[] },
): Promise<number | null> {
  let reserved: number;
  let chunks: { key: { PK: string; SK: string }; used: number }[];
  if (known) {
    reserved = known.reserved;
    chunks = known.chunks.map((c) => ({ key: keys.reservationChunk(orgId, reservationId, c.index), used: c.used }));
  } else {
    const p = keys.reservationPrefix(orgId, reservationId);
    const items = await queryAll(t.doc, {
      TableName: t.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': p.PK, ':sk': p.SKPrefix },
      ConsistentRead: true,
    });
    const head = items.find((i) => i.entity === itemTypes.reservation);
    if (!head) return null;
    reserved = Number(head.reserved);
    chunks = items.filter((i) => i.entity === itemTypes.reservationChunk).map((c) => ({ key: { PK: String(c.PK), SK: String(c.SK) }, used: Number(c.used) }));
  }
  if (chunks.length + 2 > MAX_TX_ITEMS) throw new Error(`reservation ${reservationId} has too many chunks to settle at once`);
  const unused = reserved - chunks.reduce((sum, c) => sum + c.used, 0);
  const tx = new Transaction(t).add('reservation', { Delete: { TableName: t.name, Key: keys.reservation(orgId, reservationId), ...conditions.exists } });
  chunks.forEach((c, i) => {
    tx.add(`chunk:${i}`, { Delete: { TableName: t.name, Key: c.key } });
  });
  if (unused !== 0) {
    tx.add('counter', {
      Update: { TableName: t.name, Key: keys.org(orgId), UpdateExpression: 'ADD pendingCount :d', ExpressionAttributeValues: { ':d': -unused } },
    });
  }
  const cancelled = await tx.commit();
  return cancelled ? null : unused;
}

/** Settles the org's reservations whose invite is past its deadline (crashed, or cut off). Returns the places freed. */
export async function releaseStaleReservations(t: Table, orgId: string, now: string): Promise<number> {
  let freed = 0;
  for (const r of await openReservations(t, orgId)) {
    if (r.deadline >= now) continue;
    freed += (await settleReservation(t, orgId, r.reservationId)) ?? 0;
  }
  return freed;
}

/** AP17: the org's open reservations, with the places each still holds beyond what its chunks used. */
export async function openReservations(t: Table, orgId: string): Promise<(Reservation & { outstanding: number })[]> {
  const p = keys.reservationPrefix(orgId);
  const items = await queryAll(t.doc, {
    TableName: t.name,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
    ExpressionAttributeValues: { ':pk': p.PK, ':sk': p.SKPrefix },
    ConsistentRead: true,
  });
  const used = new Map<string, number>();
  for (const c of items) {
    if (c.entity !== itemTypes.reservationChunk) continue;
    const id = String(c.SK).split('#')[1] ?? '';
    used.set(id, (used.get(id) ?? 0) + Number(c.used));
  }
  return items
    .filter((i) => i.entity === itemTypes.reservation)
    .map((h) => ({
      orgId,
      reservationId: String(h.reservationId),
      reserved: Number(h.reserved),
      deadline: String(h.deadline),
      outstanding: Number(h.reserved) - (used.get(String(h.reservationId)) ?? 0),
    }));
}
