import type { Deps } from '../../ports.ts';
import { auditEvent } from '../audit/audit-event.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';

/**
 * Dead at once: the revocation is one conditional write, and every accept and approval carries
 * `attribute_not_exists(revokedAt)` on the link. Revoking a revoked link answers the same, once audited.
 */
export async function revokeJoinLink(deps: Pick<Deps, 'clock' | 'ids' | 'orgs' | 'joinLinks'>, cmd: { orgId: string; linkId: string; actor: Actor }) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'invitations.manage');
  const now = deps.clock.now();
  const event = auditEvent(deps, org.orgId, 'join_link.revoked', cmd.actor, { linkId: cmd.linkId }, {}, now);
  const outcome = await deps.joinLinks.revoke({ orgId: org.orgId, linkId: cmd.linkId, adminUserId: cmd.actor.userId, now: now.toISOString(), event });
  if (outcome === 'not_found') throw notFound('join_link_not_found');
  if (outcome === 'not_admin') throw notFound('org_not_found');
}
