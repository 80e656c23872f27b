import * as z from 'zod/mini';
import { listMembers } from '../../../shared/domain/members/list-members.ts';
import { memberListStatuses, roles } from '../../../shared/domain/model.ts';
import { clock, orgs, pagedMembers, teams } from '../adapters.ts';
import { listCommand, listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { commaList, id, OrgParams, productKey } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({
  status: z.exactOptional(commaList(memberListStatuses)),
  role: z.exactOptional(commaList(roles)),
  teamId: z.exactOptional(id),
  product: z.exactOptional(productKey),
  // words that must all appear in the name or email
  q: z.exactOptional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
});

const ports = () => ({ orgs: orgs(), members: pagedMembers(), teams: teams(), clock: clock() });

export const handler = withHttp({ route: 'ListMembers', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(
    await listMembers(deps, {
      orgId: params.orgId,
      actor,
      ...listCommand(query, { status: 'statuses', role: 'roles', teamId: 'teamId', product: 'product', q: 'search' }),
    }),
  ),
);
