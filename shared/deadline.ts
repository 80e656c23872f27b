import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The moment the current invocation must have answered by (epoch ms): the function's timeout as
 * Lambda (or the local server, with the same number) reports it. Retries and bulk writes stop
 * starting new work in time to answer honestly instead of being cut off mid-write.
 */
const current = new AsyncLocalStorage<number>();

export function withDeadline<T>(deadlineMs: number, fn: () => Promise<T>): Promise<T> {
  return current.run(deadlineMs, fn);
}

/** Milliseconds left before the invocation's deadline; Infinity outside one (scripts, tests calling stores). */
export function remainingMs(now = Date.now()): number {
  const d = current.getStore();
  return d === undefined ? Number.POSITIVE_INFINITY : d - now;
}

/**
 * Time kept back from the deadline for what follows the last write: settling a bulk invite's
 * reservation (one Query, one transaction), storing the idempotent response and answering. It is
 * larger than the slowest chunk transaction measured under 90 % throttling (docs/adr/bulk-invites-under-faults.md).
 */
export const ANSWER_RESERVE_MS = 6_000;
