import * as z from 'zod/mini';
import { listJoinableOrgs } from '../../../shared/domain/orgs/join-org.ts';
import { pagedAutoJoin } from '../adapters.ts';
import { ok } from '../responses.ts';
import { Pagination } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ ...Pagination });

const ports = () => ({ autoJoin: pagedAutoJoin() });

export const handler = withHttp({ route: 'ListJoinableOrgs', query: Query, deps: ports }, async ({ query, actor, deps }) =>
  ok(await listJoinableOrgs(deps, { actor, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),
);
