import type { Clock, OrgDeletionStore, Scheduler } from '../../ports.ts';
import { expiryScheduleName, reminderScheduleName } from '../invitations/schedules.ts';

export interface CleanupDeps {
  clock: Clock;
  orgDeletion: OrgDeletionStore;
  scheduler: Pick<Scheduler, 'cancel'>;
}

/** Items read and deleted per step: one Query page of keys, then 40 BatchWriteItem calls. */
export const CLEANUP_PAGE = 1000;
/** Schedule cancellations in flight at once (two per pending invitation). */
const CANCEL_CONCURRENCY = 8;

export type CleanupOutcome = { outcome: 'done' | 'continued'; removed: number };

/**
 * Removes what a deleted org held: members, team memberships, teams, invitations, email claims,
 * reservations and counters in its partition, then its entries elsewhere (auto-join index, schedule
 * retry markers, quota counters), and cancels the schedules of its pending invitations. Audit events
 * stay until their TTL (the operator's record, with org.deleted); so does the tombstone, without its counters.
 *
 * Every step is idempotent and the partition is read again from its start each time, so a crash at any
 * point (the stream retries the record) or a second run starts over from what is left. It stops
 * before `deadline` (the function's own timeout comes after it) and asks for another round instead,
 * through a write to the tombstone whose stream record starts it again.
 */
export async function cleanupDeletedOrg(deps: CleanupDeps, orgId: string, deadline: number): Promise<CleanupOutcome> {
  let removed = 0;
  for (;;) {
    if (deps.clock.now().getTime() >= deadline) {
      await deps.orgDeletion.continueLater(orgId, deps.clock.now().toISOString());
      return { outcome: 'continued', removed };
    }
    const page = await deps.orgDeletion.nextPage(orgId, CLEANUP_PAGE);
    if (page.refs.length === 0) break;
    // before their invitations go: a schedule that fires after finds nothing to do, but would still fire
    await cancelSchedules(deps, page.pendingInvitationIds);
    await deps.orgDeletion.remove(page.refs);
    removed += page.refs.length;
  }
  removed += await deps.orgDeletion.removeOutside(orgId);
  await deps.orgDeletion.finish(orgId, deps.clock.now().toISOString());
  return { outcome: 'done', removed };
}

async function cancelSchedules(deps: CleanupDeps, invitationIds: string[]) {
  const names = invitationIds.flatMap((id) => [reminderScheduleName(id), expiryScheduleName(id)]);
  let next = 0;
  await Promise.all(
    Array.from({ length: CANCEL_CONCURRENCY }, async () => {
      while (next < names.length) {
        const name = names[next++] as string;
        // a schedule left behind fires, finds no invitation and does nothing (scheduled-jobs.ts), then deletes itself
        await deps.scheduler.cancel(name).catch(() => undefined);
      }
    }),
  );
}
