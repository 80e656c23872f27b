import * as z from 'zod/mini';
import { createJoinLink } from '../../../shared/domain/join-links/create-join-link.ts';
import { joinLinkRoles, MAX_JOIN_LINK_USES } from '../../../shared/domain/join-links/join-link.ts';
import { clock, ids, joinLinks, joinLinkTokens, orgs, quotas, urls } from '../adapters.ts';
import { created } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

/** `role` never admin (a 400 like any value outside the enum); `expiresAt` within 90 days (checked by the use case). */
const Body = z.strictObject({
  role: z.enum(joinLinkRoles),
  maxUses: z.exactOptional(z.int().check(z.minimum(1), z.maximum(MAX_JOIN_LINK_USES))),
  expiresAt: z.exactOptional(z.iso.datetime({ offset: true })),
  allowedDomains: z.exactOptional(z.array(z.string().check(z.maxLength(253))).check(z.maxLength(40))),
  requireApproval: z.exactOptional(z.boolean()),
});

const ports = () => ({ orgs: orgs(), joinLinks: joinLinks(), joinLinkTokens: joinLinkTokens(), quotas: quotas(), urls: urls(), clock: clock(), ids: ids() });

/** No Idempotency-Key: a replayed answer would have to store the link's secret, which is never stored. */
export const handler = withHttp({ route: 'CreateJoinLink', body: Body, params: OrgParams, deps: ports }, async ({ body, params, actor, deps }) =>
  created(await createJoinLink(deps, { orgId: params.orgId, actor, ...body })),
);
