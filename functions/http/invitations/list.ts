import * as z from 'zod/mini';
import { listInvitations } from '../../../shared/domain/invitations/list-invitations.ts';
import { deliveryStatuses, invitationStatuses } from '../../../shared/domain/model.ts';
import { clock, orgs, pagedInvitations } from '../adapters.ts';
import { listCommand, listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { commaList, OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({
  status: z.exactOptional(commaList(invitationStatuses)),
  email: z.exactOptional(z.string().check(z.maxLength(254))),
  delivery: z.exactOptional(commaList(deliveryStatuses)),
});

const ports = () => ({ orgs: orgs(), invitations: pagedInvitations(), clock: clock() });

export const handler = withHttp({ route: 'ListInvitations', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) =>
  ok(await listInvitations(deps, { orgId: params.orgId, actor, ...listCommand(query, { status: 'statuses', email: 'email', delivery: 'delivery' }) })),
);
