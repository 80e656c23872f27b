import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Table } from './client.ts';

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
    if (this.entries.length > MAX_TX_ITEMS) throw new Error(`A transaction holds at most ${MAX_TX_ITEMS} items (${this.entries.length})`);
    try {
      await this.t.doc.send(new TransactWriteCommand({ TransactItems: this.entries.map((e) => e.item) }));
      return null;
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons?.some((r) => r.code === 'ConditionalCheckFailed')) throw error;
      return new Cancellation(new Map(this.entries.map((e, i) => [e.name, reasons[i] ?? { code: 'None' }])));
    }
  }
}
