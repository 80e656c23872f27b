import * as z from 'zod/mini';
import { joinRequestStatuses } from '../../../shared/domain/join-links/join-request.ts';
import { listJoinRequests } from '../../../shared/domain/join-links/list-join-requests.ts';
import { clock, orgs, pagedJoinLinks } from '../adapters.ts';
import { listCommand, listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({ status: z.exactOptional(z.enum(joinRequestStatuses)) });

const ports = () => ({ orgs: orgs(), joinLinks: pagedJoinLinks(), clock: clock() });

export const handler = withHttp({ route: 'ListJoinRequests', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(await listJoinRequests(deps, { orgId: params.orgId, actor, ...listCommand(query, { status: 'status' }) })),
);
