import type { Deps } from '../../ports.ts';
import type { Actor } from '../model.ts';
import { loadOrgAs } from '../orgs/get-org.ts';
import { teamView } from './team.ts';

export async function listTeams(deps: Pick<Deps, 'clock' | 'orgs' | 'teams'>, cmd: { orgId: string; actor: Actor; limit: number; cursor?: string }) {
  const { org } = await loadOrgAs(deps, cmd.orgId, cmd.actor, 'teams.read');
  const page = await deps.teams.list(org.orgId, { limit: cmd.limit, ...(cmd.cursor ? { cursor: cmd.cursor } : {}) });
  return { items: page.items.map(teamView), nextCursor: page.nextCursor };
}
