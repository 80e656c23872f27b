import type { Clock, StalledDeletionStore } from '../../ports.ts';

/**
 * How long after the last write that asked for a cleanup round (the deletion, a round out of time, a
 * sweep) an unfinished cleanup counts as given up: the stream retries a failing record for at most an
 * hour (the dispatcher's maxRecordAge, infra/stacks/api-stack.ts) and then hands it to the DLQ, so
 * past this nobody is working on it. A cleanup still running asks for a round every 20 s, and is never
 * this old.
 */
export const STALLED_AFTER_MS = 75 * 60_000;

/** Unfinished deletions one run reads (AP20, oldest first); the sweep runs every 15 minutes. */
const READ_PER_RUN = 200;

/**
 * The periodic sweep for deletions whose cleanup stopped: the tombstone whose stream record was given
 * up (a poison batch, an hour of throttling, a bug since fixed) stays tombstoned, answering 404 and
 * revoked as it should, but keeps its members, invitations and counters. Like the schedule retries,
 * it does not do the work itself: it writes to the tombstone, whose stream record makes the dispatcher
 * (which alone may cancel the org's schedules) run the cleanup again from what is left.
 */
export async function resumeStalledDeletions(deps: { clock: Clock; deletions: StalledDeletionStore }): Promise<{ resumed: string[]; inProgress: number }> {
  const now = deps.clock.now();
  const cutoff = now.getTime() - STALLED_AFTER_MS;
  const resumed: string[] = [];
  let inProgress = 0;
  for (const d of await deps.deletions.unfinished(READ_PER_RUN)) {
    const lastAskedAt = d.cleanupRequestedAt ?? d.deletedAt;
    if (Date.parse(lastAskedAt) > cutoff) {
      inProgress++;
      continue;
    }
    if ((await deps.deletions.resumeStalled(d.orgId, lastAskedAt, now.toISOString())) === 'resumed') resumed.push(d.orgId);
  }
  return { resumed, inProgress };
}
