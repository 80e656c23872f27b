import type { Deps } from '../../ports.ts';
import type { Actor } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { type JoinRequestStatus, joinRequestView } from './join-request.ts';

/** Join requests for admins to decide (pending by default), beside the org's invitations. */
export async function listJoinRequests(
  deps: Pick<Deps, 'clock' | 'orgs' | 'joinLinks'>,
  cmd: { orgId: string; actor: Actor; status?: JoinRequestStatus; limit: number; cursor?: string },
) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'invitations.manage');
  const page = await deps.joinLinks.listRequests(org.orgId, {
    limit: cmd.limit,
    ...(cmd.status !== undefined ? { status: cmd.status } : {}),
    ...(cmd.cursor !== undefined ? { cursor: cmd.cursor } : {}),
  });
  return { items: page.items.map(joinRequestView), nextCursor: page.nextCursor };
}
