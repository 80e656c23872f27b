import { conflict } from './errors.ts';

const MAX_ATTEMPTS = 4;

/** What one attempt of `untilSettled` answers: the result, or that the data moved under it. */
export const settled = <T>(value: T) => ({ stale: false as const, value });
export const STALE = { stale: true } as const;

/**
 * Runs a read-decide-write step again when its conditional write found the data changed since the
 * read ('stale'). Each attempt re-reads, so the answer is decided by the state that won.
 */
export async function untilSettled<T>(step: () => Promise<{ stale: true } | { stale: false; value: T }>): Promise<T> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const r = await step();
    if (!r.stale) return r.value;
  }
  throw conflict('concurrent_update');
}
