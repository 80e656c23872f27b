import type { QuotaCounter, QuotaRequest, QuotaWindow } from '../domain/limits/quotas.ts';

/** Daily send quotas (shared/domain/limits/quotas.ts), one counter item per owner, quota and day. */
export interface QuotaStore {
  /** Adds `n` to every counter if each stays within its limit: all or none. Null, or the first refused and its count. */
  reserve(requests: QuotaRequest[], n: number, window: QuotaWindow, now: Date): Promise<{ refused: QuotaRequest; used: number } | null>;
  /** Gives back `n` places a reservation did not use. */
  release(requests: QuotaRequest[], n: number, window: QuotaWindow): Promise<void>;
  /** How much of each counter the window has used (0 for a counter never raised), in the order asked: a read, never a reservation. */
  used(counters: QuotaCounter[], window: QuotaWindow): Promise<number[]>;
}
