import { joinOrg } from '../../../shared/domain/orgs/join-org.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ params: OrgParams, idempotent: true }, async ({ params, actor, deps }) =>
  ok(await joinOrg(deps, { orgId: params.orgId, actor })));
