import { listTeams } from '../../../shared/domain/teams/list-teams.ts';
import { clock, orgs, pagedTeams } from '../adapters.ts';
import { listCommand, listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({});

const ports = () => ({ orgs: orgs(), teams: pagedTeams(), clock: clock() });

export const handler = withHttp({ route: 'ListTeams', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(await listTeams(deps, { orgId: params.orgId, actor, ...listCommand(query) })),
);
