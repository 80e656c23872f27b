import { listJoinLinks } from '../../../shared/domain/join-links/list-join-links.ts';
import { clock, orgs, pagedJoinLinks } from '../adapters.ts';
import { listCommand, listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({});

const ports = () => ({ orgs: orgs(), joinLinks: pagedJoinLinks(), clock: clock() });

export const handler = withHttp({ route: 'ListJoinLinks', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(await listJoinLinks(deps, { orgId: params.orgId, actor, ...listCommand(query) })),
);
