import * as z from 'zod/mini';
import { listMyInvitations } from '../../../shared/domain/invitations/my-invitations.ts';
import { clock, pagedInvitations } from '../adapters.ts';
import { ok } from '../responses.ts';
import { Pagination } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ ...Pagination });

const ports = () => ({ invitations: pagedInvitations(), clock: clock() });

export const handler = withHttp({ route: 'ListMyInvitations', query: Query, deps: ports }, async ({ query, actor, deps }) =>
  ok(await listMyInvitations(deps, { actor, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })),
);
