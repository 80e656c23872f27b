import { getOrg } from '../../../shared/domain/orgs/get-org.ts';
import { clock, orgs, plans, quotas } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ orgs: orgs(), clock: clock(), plans: plans(), quotas: quotas() });

export const handler = withHttp({ route: 'GetOrg', params: OrgParams, deps: ports }, async ({ params, actor, deps }) =>
  ok(await getOrg(deps, { orgId: params.orgId, actor })),
);
