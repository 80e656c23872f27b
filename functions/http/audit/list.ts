import * as z from 'zod/mini';
import { listAudit } from '../../../shared/domain/audit/list-audit.ts';
import { clock, orgs, pagedAudit } from '../adapters.ts';
import { listQuery } from '../list-query.ts';
import { ok } from '../responses.ts';
import { commaSeparated, OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const Query = listQuery({
  // exact types or `prefix.*`; the domain checks them against the catalogue
  type: z.exactOptional(
    commaSeparated(1000).check(z.refine((xs) => xs.every((x) => /^[a-z_]+\.([a-z_]+|\*)$/.test(x)), 'each type is "area.action" or "area.*"')),
  ),
  actor: z.exactOptional(z.string().check(z.minLength(1), z.maxLength(128))),
  since: z.exactOptional(z.iso.datetime({ offset: true })),
  until: z.exactOptional(z.iso.datetime({ offset: true })),
});

const ports = () => ({ orgs: orgs(), audit: pagedAudit(), clock: clock() });

export const handler = withHttp({ route: 'ListAuditEvents', query: Query, params: OrgParams, deps: ports }, async ({ query, params, actor, deps }) => {
  const { limit, cursor, type, ...rest } = query;
  return ok(
    await listAudit(deps, {
      orgId: params.orgId,
      actor,
      limit,
      filter: { ...rest, ...(type ? { types: type } : {}) },
      ...(cursor ? { cursor } : {}),
    }),
  );
});
