import * as z from 'zod/mini';
import { listInvitations } from '../../../shared/domain/invitations/list-invitations.ts';
import { deliveryStatuses, invitationStatuses } from '../../../shared/domain/model.ts';
import { clock, orgs, pagedInvitations } from '../adapters.ts';
import { ok } from '../responses.ts';
import { commaList, OrgParams, Pagination } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({
  status: z.exactOptional(commaList(invitationStatuses)),
  email: z.exactOptional(z.string().check(z.maxLength(254))),
  delivery: z.exactOptional(commaList(deliveryStatuses)),
  ...Pagination,
});

const ports = () => ({ orgs: orgs(), invitations: pagedInvitations(), clock: clock() });

export const handler = withHttp({ route: 'ListInvitations', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(
    await listInvitations(deps, {
      orgId: params.orgId,
      actor,
      limit: query.limit,
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.email ? { email: query.email } : {}),
      ...(query.delivery ? { delivery: query.delivery } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
  ),
);
