import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Table } from './client.ts';
import type { Condition } from './conditions.ts';

export type TxItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB's limit on items per transaction. */
export const MAX_TX_ITEMS = 100;

export interface CancellationReason {
  code: string;
  /** The item as it was when its condition failed (ReturnValuesOnConditionCheckFailure: ALL_OLD). */
  item?: Record<string, unknown>;
}

/** The per-item reasons of a cancelled transaction, or null when the error is something else. */
export function cancellationReasons(error: unknown): CancellationReason[] | null {
  if (!(error instanceof TransactionCanceledException) && (error as { name?: string })?.name !== 'TransactionCanceledException') {
    return null;
  }
  const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
  return reasons.map((r) => ({
    code: r.Code ?? 'None',
    ...(r.Item ? { item: unmarshall(r.Item) } : {}),
  }));
}

export const isConditionFailure = (error: unknown) => (error as { name?: string })?.name === 'ConditionalCheckFailedException';

/**
 * One conditional write (not a transaction) whose refusal is an answer, not a failure: true once
 * written, false when its condition refused it; any other error is thrown.
 */
export async function conditionalWrite(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** One conditional UpdateItem on the table, answered as `conditionalWrite` answers. */
export function conditionalUpdate(t: Table, update: Omit<UpdateCommandInput, 'TableName'>): Promise<boolean> {
  return conditionalWrite(t.doc.send(new UpdateCommand({ TableName: t.name, ...update })));
}

/**
 * Why a transaction was refused, read by item name: `cancelled.failed('claim')` is the claim's
 * reason when (and only when) the claim's own condition failed. Contention and throttling never
 * get here (the retry policy retries them, then answers service_busy), so every name this reports is
 * a condition that really failed on the data, which is what a business code may be read from.
 */
export class Cancellation {
  constructor(private readonly byName: ReadonlyMap<string, CancellationReason>) {}

  failed(name: string): CancellationReason | undefined {
    const r = this.byName.get(name);
    return r?.code === 'ConditionalCheckFailed' ? r : undefined;
  }

  /** Names of the items whose condition failed. */
  get failedNames(): string[] {
    return [...this.byName].filter(([, r]) => r.code === 'ConditionalCheckFailed').map(([n]) => n);
  }

  /** Whether an item other than these failed: the data moved somewhere the caller did not expect. */
  failedOtherThan(...names: string[]): boolean {
    return this.failedNames.some((n) => !names.includes(n));
  }
}

/**
 * A TransactWriteItems whose items have names (`invitation`, `claim`, `counter`, `claim:3`), so a
 * cancellation is read as `failed('claim')` instead of `reasons[i * 2 + 1]`, and adding an item
 * never shifts what another index meant.
 */
export class Transaction {
  private readonly entries: { name: string; item: TxItem }[] = [];

  constructor(private readonly t: Table) {}

  add(name: string, item: TxItem | null | undefined): this {
    if (!item) return this;
    if (this.entries.some((e) => e.name === name)) throw new Error(`Transaction item named twice: ${name}`);
    this.entries.push({ name, item });
    return this;
  }

  get size(): number {
    return this.entries.length;
  }

  has(name: string): boolean {
    return this.entries.some((e) => e.name === name);
  }

  /** Null when it committed; the named reasons when a condition failed. Anything else is thrown. */
  async commit(): Promise<Cancellation | null> {
    const { items, sentAs } = foldChecks(this.entries.map((e) => e.item));
    if (items.length > MAX_TX_ITEMS) throw new Error(`A transaction holds at most ${MAX_TX_ITEMS} items (${items.length})`);
    try {
      await this.t.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return null;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons?.some((r) => r.code === 'ConditionalCheckFailed')) throw error;
      return new Cancellation(
        new Map(this.entries.map((e, i) => [e.name, sentAs[i] === undefined ? { code: 'None' } : (reasons[sentAs[i]] ?? { code: 'None' })])),
      );
    }
  }
}

type Op = { TableName?: string; Key?: Record<string, unknown>; Item?: Record<string, unknown> } & Partial<Condition>;

const opOf = (item: TxItem): Op => (item.ConditionCheck ?? item.Update ?? item.Delete ?? item.Put) as Op;
const targetOf = (op: Op) => {
  const key = op.Key ?? op.Item ?? {};
  return `${op.TableName}\n${String(key.PK)}\n${String(key.SK)}`;
};

/**
 * DynamoDB refuses a transaction with two actions on one item. A ConditionCheck on an item that another
 * entry writes (or checks) is therefore merged into that entry's condition: `(its own) AND (the check)`.
 * This is what lets a rule be written once as a check and still hold in a transaction that also writes
 * the item: a service principal's authority is "the org is live" (tx-items.ts actorStillAdmin), a check
 * on the org item that membership changes and accepts also update. The merged check has no reason of
 * its own in a cancellation: its host's reason covers both, and every host on the org item reads a
 * failure as "the data moved" or names its own rule (docs/adr/service-principals.md).
 * `sentAs[i]`: the index entry i was sent at, undefined when it was merged into another.
 */
export function foldChecks(entries: readonly TxItem[]): { items: TxItem[]; sentAs: (number | undefined)[] } {
  // the host of an item is the entry that writes it; a check hosts only when nothing writes the item
  const hostOf = new Map<string, number>();
  entries.forEach((item, i) => {
    const target = targetOf(opOf(item));
    const current = hostOf.get(target);
    if (current === undefined || (entries[current]?.ConditionCheck && !item.ConditionCheck)) hostOf.set(target, i);
  });
  const merged = [...entries];
  entries.forEach((item, i) => {
    const host = hostOf.get(targetOf(opOf(item))) as number;
    if (host === i) return;
    if (!item.ConditionCheck) throw new Error('A transaction writes one item twice');
    merged[host] = withCondition(merged[host] as TxItem, item.ConditionCheck as Condition);
  });
  const items: TxItem[] = [];
  const sentAs = entries.map((item, i) => (hostOf.get(targetOf(opOf(item))) === i ? items.push(merged[i] as TxItem) - 1 : undefined));
  return { items, sentAs };
}

function withCondition(item: TxItem, check: Condition): TxItem {
  const kind = (['ConditionCheck', 'Update', 'Delete', 'Put'] as const).find((k) => item[k]);
  if (!kind) throw new Error('An empty transaction item');
  const op = item[kind] as Op;
  const names = { ...op.ExpressionAttributeNames };
  const values = { ...op.ExpressionAttributeValues };
  for (const [k, v] of Object.entries(check.ExpressionAttributeNames ?? {})) {
    if (k in names && names[k] !== v) throw new Error(`A merged condition reuses the name ${k}`);
    names[k] = v;
  }
  for (const [k, v] of Object.entries(check.ExpressionAttributeValues ?? {})) {
    if (k in values && values[k] !== v) throw new Error(`A merged condition reuses the value ${k}`);
    values[k] = v;
  }
  const expression = op.ConditionExpression ? `(${op.ConditionExpression}) AND (${check.ConditionExpression})` : check.ConditionExpression;
  return {
    [kind]: {
      ...op,
      ConditionExpression: expression,
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  } as TxItem;
}
