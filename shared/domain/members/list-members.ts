import type { Deps } from '../../ports.ts';
import { notFound } from '../errors.ts';
import type { Actor, MemberListStatus, Role } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { memberView } from './member-view.ts';

export interface ListMembersCommand {
  orgId: string;
  actor: Actor;
  statuses?: MemberListStatus[];
  roles?: Role[];
  teamId?: string;
  product?: string;
  search?: string;
  limit: number;
  cursor?: string;
}

export async function listMembers(deps: Pick<Deps, 'clock' | 'members' | 'orgs' | 'teams'>, cmd: ListMembersCommand) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'members.read');
  if (cmd.teamId && !(await deps.teams.get(org.orgId, cmd.teamId))) throw notFound('team_not_found');
  const page = await deps.members.list(
    org.orgId,
    {
      ...(cmd.statuses ? { statuses: cmd.statuses, at: deps.clock.now() } : {}),
      ...(cmd.roles ? { roles: cmd.roles } : {}),
      ...(cmd.teamId ? { teamId: cmd.teamId } : {}),
      ...(cmd.product ? { product: cmd.product } : {}),
      ...(cmd.search ? { search: cmd.search } : {}),
    },
    { limit: cmd.limit, ...(cmd.cursor ? { cursor: cmd.cursor } : {}) },
  );
  return { items: page.items.map((m) => memberView(m, org.primaryContactUserId ?? '')), nextCursor: page.nextCursor };
}
