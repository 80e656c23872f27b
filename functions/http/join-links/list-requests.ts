import * as z from 'zod/mini';
import { joinRequestStatuses } from '../../../shared/domain/join-links/join-request.ts';
import { listJoinRequests } from '../../../shared/domain/join-links/list-join-requests.ts';
import { clock, orgs, pagedJoinLinks } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams, Pagination } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ status: z.exactOptional(z.enum(joinRequestStatuses)), ...Pagination });

const ports = () => ({ orgs: orgs(), joinLinks: pagedJoinLinks(), clock: clock() });

export const handler = withHttp({ route: 'ListJoinRequests', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(
    await listJoinRequests(deps, {
      orgId: params.orgId,
      actor,
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
  ),
);
