import * as z from 'zod/mini';
import { listJoinLinks } from '../../../shared/domain/join-links/list-join-links.ts';
import { clock, orgs, pagedJoinLinks } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams, Pagination } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ ...Pagination });

const ports = () => ({ orgs: orgs(), joinLinks: pagedJoinLinks(), clock: clock() });

export const handler = withHttp({ route: 'ListJoinLinks', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(await listJoinLinks(deps, { orgId: params.orgId, actor, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),
);
