import type { Deps } from '../../ports.ts';
import { callerIn, requireCapability } from '../access.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../model.ts';

/**
 * DELETE /orgs/{orgId}: the org ends at once, in one conditional write that turns it into a
 * tombstone (shared/ports/orgs.ts markDeleted). From that write on, every read answers 404, every
 * invitation link answers revoked, no email or reminder goes out, and writes that would add to the
 * org are refused by their own condition on the org item. What it held is removed afterwards by
 * finishOrgDeletion (cleanup-deleted-org.ts), which the tombstone's stream record starts.
 *
 * A second DELETE finds no org and answers 404 like any other route: the org is gone, which is
 * what the first one asked for.
 */
export async function deleteOrg(deps: Pick<Deps, 'clock' | 'ids' | 'orgs'>, cmd: { orgId: string; actor: Actor; confirm: string }): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { org, member } = await deps.orgs.getWithMember(cmd.orgId, cmd.actor.userId);
    requireCapability(callerIn(cmd.orgId, cmd.actor, member), 'org.delete', deps.clock.now());
    if (!org) throw notFound('org_not_found');
    // exact: the name is what the admin sees, and a near miss is exactly what this guards against
    if (cmd.confirm !== org.name) {
      throw new DomainError('validation', 'confirmation_mismatch', { detail: "Type the organization's exact name in `confirm` to delete it." });
    }
    const now = deps.clock.now();
    const details = { name: org.name, memberCount: org.memberCount, pendingCount: org.pendingCount };
    const event = auditEvent(deps, org.orgId, 'org.deleted', cmd.actor, { orgId: org.orgId }, details, now);
    const outcome = await deps.orgs.markDeleted({ orgId: org.orgId, confirmName: cmd.confirm, adminUserId: cmd.actor.userId, now: now.toISOString(), event });
    if (outcome === 'deleted') return;
    // refused: deleted, renamed or the caller demoted since the read; the next read says which
  }
  throw new DomainError('conflict', 'concurrent_update');
}
