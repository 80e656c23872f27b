import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

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

export const isConditionFailure = (error: unknown) =>
  (error as { name?: string })?.name === 'ConditionalCheckFailedException';
