import type { Deps } from '../../ports.ts';
import { normalizeEmail } from '../emails.ts';
import type { Actor, DeliveryStatus } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { invitationView } from './invitation.ts';

export async function listInvitations(
  deps: Pick<Deps, 'clock' | 'invitations' | 'orgs'>,
  cmd: { orgId: string; actor: Actor; statuses?: string[]; email?: string; delivery?: DeliveryStatus[]; limit: number; cursor?: string },
) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'invitations.manage');
  const now = deps.clock.now();
  const page = await deps.invitations.list(
    org.orgId,
    {
      ...(cmd.statuses ? { statuses: cmd.statuses } : {}),
      ...(cmd.email ? { email: normalizeEmail(cmd.email) } : {}),
      ...(cmd.delivery ? { delivery: cmd.delivery } : {}),
    },
    now.toISOString(),
    { limit: cmd.limit, ...(cmd.cursor ? { cursor: cmd.cursor } : {}) },
  );
  return { items: page.items.map((i) => invitationView(i, now)), nextCursor: page.nextCursor };
}
