import * as z from 'zod/mini';
import { listTeams } from '../../../shared/domain/teams/list-teams.ts';
import { clock, orgs, pagedTeams } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams, Pagination } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ ...Pagination });

const ports = () => ({ orgs: orgs(), teams: pagedTeams(), clock: clock() });

export const handler = withHttp({ route: 'ListTeams', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(await listTeams(deps, { orgId: params.orgId, actor, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),
);
