import { listMyInvitations } from '../../../shared/domain/invitations/my-invitations.ts';
import { clock, pagedInvitations } from '../adapters.ts';
import { listCommand, listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({});

const ports = () => ({ invitations: pagedInvitations(), clock: clock() });

export const handler = withHttp({ route: 'ListMyInvitations', query: Query, deps: ports }, async ({ query, actor, deps }) =>
  ok(await listMyInvitations(deps, { actor, ...listCommand(query) })),
);
