import type { Deps } from '../../ports.ts';
import { callerIn, requireCapability } from '../access.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../model.ts';

/**
 * The org, the caller's membership and the invitation in one read (BatchGetItem), then the rules, in
 * this order so outsiders learn nothing about the org or its invitations; admins get the precise answer.
 */
export async function loadInvitationAsAdmin(deps: Pick<Deps, 'clock' | 'invitations'>, orgId: string, invitationId: string, actor: Actor) {
  const loaded = await deps.invitations.loadWithOrg(orgId, invitationId, actor.userId);
  const caller = requireCapability(callerIn(orgId, actor, loaded.member), 'invitations.manage', deps.clock.now());
  if (!loaded.org) throw notFound('org_not_found');
  if (!loaded.invitation) throw notFound('invitation_not_found');
  return { org: loaded.org, caller, invitation: loaded.invitation };
}
