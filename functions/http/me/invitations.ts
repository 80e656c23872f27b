import * as z from 'zod/mini';
import { listMyInvitations } from '../../../shared/domain/invitations/my-invitations.ts';
import { ok } from '../responses.ts';
import { Pagination } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = z.strictObject({ ...Pagination });

export const handler = withHttp({ query: Query }, async ({ query, actor, deps }) =>
  ok(await listMyInvitations(deps, { actor, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) })));
