import { removeMember } from '../../../shared/domain/members/remove-member.ts';
import { clock, ids, invitations, members } from '../adapters.ts';
import { noContent } from '../responses.ts';
import { MemberParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ members: members(), invitations: invitations(), clock: clock(), ids: ids() });

export const handler = withHttp({ route: 'RemoveMember', params: MemberParams, deps: ports }, async ({ params, actor, deps }) => {
  await removeMember(deps, { orgId: params.orgId, userId: params.userId, actor });
  return noContent();
});
