import type { Deps } from '../../ports.ts';
import { callerIn, requireCapability } from '../access.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';
import { userIdOfJoinRequest } from './join-request.ts';

/** The org, the acting admin and the request in one read; outsiders learn nothing, admins the precise answer. */
export async function loadRequestAsAdmin(deps: Pick<Deps, 'clock' | 'joinLinks'>, orgId: string, requestId: string, actor: Actor) {
  const userId = userIdOfJoinRequest(requestId);
  const loaded = await deps.joinLinks.loadRequest(orgId, userId ?? '-', actor.userId);
  requireCapability(callerIn(orgId, actor, loaded.admin), 'invitations.manage', deps.clock.now());
  if (!loaded.org) throw notFound('org_not_found');
  if (!userId || !loaded.request) throw notFound('join_request_not_found');
  return { org: loaded.org, request: loaded.request, member: loaded.member };
}
