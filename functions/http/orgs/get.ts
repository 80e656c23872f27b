import { getOrg } from '../../../shared/domain/orgs/get-org.ts';
import { ok } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ params: OrgParams }, async ({ params, actor, deps }) =>
  ok(await getOrg(deps, { orgId: params.orgId, actor })));
