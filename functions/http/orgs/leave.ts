import { leaveOrg } from '../../../shared/domain/members/manage-members.ts';
import { noContent } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ params: OrgParams }, async ({ params, actor, deps }) => {
  await leaveOrg(deps, { orgId: params.orgId, actor });
  return noContent();
});
