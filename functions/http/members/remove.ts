import { removeMember } from '../../../shared/domain/members/manage-members.ts';
import { noContent } from '../responses.ts';
import { MemberParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

export const handler = withHttp({ params: MemberParams }, async ({ params, actor, deps }) => {
  await removeMember(deps, { orgId: params.orgId, userId: params.userId, actor });
  return noContent();
});
