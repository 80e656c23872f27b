import { joinOrg } from '../../../shared/domain/orgs/join-org.ts';
import { autoJoin, clock, idempotency, ids, orgs, plans } from '../adapters.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ orgs: orgs(), autoJoin: autoJoin(), plans: plans(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'JoinOrg', params: OrgParams, idempotency, deps: ports }, async ({ params, actor, deps }) =>
  ok(await joinOrg(deps, { orgId: params.orgId, actor })),
);
