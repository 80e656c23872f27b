import { getMember } from '../../../shared/domain/members/get-member.ts';
import { clock, members } from '../adapters.ts';
import { ok } from '../responses.ts';
import { MemberParams } from '../schemas.ts';
import { withHttp } from '../with-http.ts';

const ports = () => ({ members: members(), clock: clock() });

export const handler = withHttp({ route: 'GetMember', params: MemberParams, deps: ports }, async ({ params, actor, deps }) =>
  ok(await getMember(deps, { orgId: params.orgId, userId: params.userId, actor })),
);
