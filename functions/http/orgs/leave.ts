import { leaveOrg } from '../../../shared/domain/members/leave-org.ts';
import { clock, ids, invitations, members, orgs } from '../adapters.ts';
import { noContent } from '../responses.ts';
import { OrgParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ orgs: orgs(), members: members(), invitations: invitations(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'LeaveOrg', params: OrgParams, deps: ports }, async ({ params, actor, deps }) => {
  await leaveOrg(deps, { orgId: params.orgId, actor });
  return noContent();
});
