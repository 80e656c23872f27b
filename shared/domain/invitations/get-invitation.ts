import type { Deps } from '../../ports.ts';
import type { Actor } from '../model.ts';
import { invitationView } from './invitation.ts';
import { loadInvitationAsAdmin } from './load-as-admin.ts';

export async function getInvitation(deps: Pick<Deps, 'clock' | 'invitations'>, cmd: { orgId: string; invitationId: string; actor: Actor }) {
  const { invitation } = await loadInvitationAsAdmin(deps, cmd.orgId, cmd.invitationId, cmd.actor);
  return { invitation: invitationView(invitation, deps.clock.now()) };
}
