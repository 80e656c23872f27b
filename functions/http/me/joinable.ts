import { listJoinableOrgs } from '../../../shared/domain/orgs/join-org.ts';
import { pagedAutoJoin } from '../adapters.ts';
import { listCommand, listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({});

const ports = () => ({ autoJoin: pagedAutoJoin() });

export const handler = withHttp({ route: 'ListJoinableOrgs', query: Query, deps: ports }, async ({ query, actor, deps }) =>
  ok(await listJoinableOrgs(deps, { actor, ...listCommand(query) })),
);
