import type { Deps } from '../../ports.ts';
import type { Actor } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { joinLinkView } from './join-link.ts';

/** An org's join links with their status and uses; never a token or its hash. */
export async function listJoinLinks(deps: Pick<Deps, 'clock' | 'orgs' | 'joinLinks'>, cmd: { orgId: string; actor: Actor; limit: number; cursor?: string }) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'invitations.manage');
  const page = await deps.joinLinks.list(org.orgId, { limit: cmd.limit, ...(cmd.cursor !== undefined ? { cursor: cmd.cursor } : {}) });
  const now = deps.clock.now();
  return { items: page.items.map((l) => joinLinkView(l, now)), nextCursor: page.nextCursor };
}
