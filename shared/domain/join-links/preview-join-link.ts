import type { Deps } from '../../ports.ts';
import { findJoinLink } from './find-join-link.ts';
import { requireActive } from './join-link.ts';

/**
 * What the join page shows to anyone holding the link, before sign-in: the org's name, the role and
 * the expiry. A dead link answers why (revoked, expired, used up) and nothing about the org. Read-only,
 * so a chat's link unfurler changes nothing.
 */
export async function previewJoinLink(deps: Pick<Deps, 'clock' | 'joinLinks' | 'joinLinkTokens'>, cmd: { token: string }) {
  const { org, link } = await findJoinLink(deps, cmd.token);
  requireActive(link, deps.clock.now());
  return { orgId: org.orgId, orgName: org.name, role: link.role, expiresAt: link.expiresAt, requireApproval: link.requireApproval };
}
